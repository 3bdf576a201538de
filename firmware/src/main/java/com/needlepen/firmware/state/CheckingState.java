package com.needlepen.firmware.state;

/** The collar proves its count at the home switch before a run (or a session's close): {@link RunGate}'s. */
final class CheckingState implements State {

    private final RunGate gate;

    CheckingState(RunGate gate) {
        this.gate = gate;
    }

    @Override
    public void enter(long now) {
        gate.checkingEntered(now);
    }

    @Override
    public PenState periodic(long now) {
        return gate.checking(now);
    }
}
