package com.needlepen.tools.sim;

import com.needlepen.hal.sim.SimFault;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.tools.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Injects sim faults at given virtual times (from power-on): {@code --inject cam-jammed@12s}. */
public final class FaultInjector {

    private static final Pattern FORM = Pattern.compile("([a-z-]+)@(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    /** One planned injection. */
    public record Injection(SimFault fault, long atNanos) {
    }

    private final List<Injection> pending = new ArrayList<>();
    private final List<Injection> done = new ArrayList<>();

    public FaultInjector(List<Injection> injections) {
        pending.addAll(injections);
    }

    /** The command-line name of a fault kind: {@code CAM_JAMMED} is {@code cam-jammed}. */
    public static String kindName(SimFault fault) {
        return fault.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Injection parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new UserInputException("--inject '" + text + "' is not KIND@TIME, e.g. cam-jammed@12s; kinds: "
                    + kinds());
        }
        SimFault fault = null;
        for (SimFault f : SimFault.values()) {
            if (kindName(f).equals(m.group(1))) {
                fault = f;
            }
        }
        if (fault == null) {
            throw new UserInputException("--inject '" + text + "': unknown fault kind '" + m.group(1) + "'; kinds: " + kinds());
        }
        String time = m.group(2) + (m.group(3) == null ? "s" : m.group(3));
        long atNanos = com.needlepen.tools.cli.DurationParser.parseNanos("--inject '" + text + "': time", time, 0L, "0 s");
        return new Injection(fault, atNanos);
    }

    private static String kinds() {
        List<String> names = new ArrayList<>();
        for (SimFault f : SimFault.values()) {
            names.add(kindName(f));
        }
        return String.join(", ", names);
    }

    /** Injects whatever is due at {@code nowNanos}. */
    public void apply(long nowNanos, SimHandle sim) {
        for (int i = 0; i < pending.size(); i++) {
            Injection inj = pending.get(i);
            if (nowNanos >= inj.atNanos()) {
                sim.inject(inj.fault());
                done.add(inj);
                pending.remove(i--);
            }
        }
    }

    /** Injections not yet due. */
    public List<Injection> pending() {
        return List.copyOf(pending);
    }

    /** As written on the command line: {@code cam-jammed@12.5s}. */
    public static String text(Injection i) {
        return kindName(i.fault()) + "@" + new java.math.BigDecimal(i.atNanos()).movePointLeft(9).stripTrailingZeros()
                .toPlainString() + "s";
    }

    public boolean any() {
        return !pending.isEmpty() || !done.isEmpty();
    }

    public List<Injection> done() {
        return List.copyOf(done);
    }
}
