package com.needlepen.config;

import java.util.List;

/**
 * Checks a {@link DeviceProfile} against its cross-field rules (one key against another). The loader
 * runs it on every profile it reads, after each key has been read within its own bounds
 * ({@link ProfileBinder}); call it yourself for a profile built in code from a loaded one (a test
 * fixture), whose per-key bounds it does not check again. The first violation is thrown as a
 * one-line {@link ConfigException}.
 */
public final class ProfileValidator {

    /**
     * Per-key bounds held when the keys were read, so no rule here divides by a zero or reasons
     * about a negative mass; cartridges before rates and physics, which assume there is at least
     * one; tuning last, as it leans on the physics (the spring-limited rate).
     */
    private static final List<Rule> RULES = List.of(
            new IdentityRules(),
            new SafetyRules(),
            new DepthRules(),
            new CollarRules(),
            new CartridgeRules(),
            new RateRules(),
            new PresetRules(),
            new PhysicsRules(),
            new TuningRules(),
            new LoopRules(),
            new HardwareRules());

    private ProfileValidator() {
    }

    /**
     * Validates {@code profile}; messages name {@link DeviceProfile#source()} but no line.
     *
     * @throws ConfigException on the first rule the profile breaks
     */
    public static void validate(DeviceProfile profile) {
        validate(profile, new KeyLines(profile.source()));
    }

    /** Validates {@code profile}, pointing messages at the lines recorded while reading it. */
    static void validate(DeviceProfile profile, KeyLines lines) {
        validate(profile, lines, null);
    }

    static void validate(DeviceProfile profile, KeyLines lines, java.util.Collection<String> knownBackends) {
        RuleContext ctx = new RuleContext(lines, knownBackends);
        for (Rule rule : RULES) {
            rule.check(profile, ctx);
        }
    }
}
