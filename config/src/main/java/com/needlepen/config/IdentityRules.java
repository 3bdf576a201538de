package com.needlepen.config;

import java.util.List;
import java.util.regex.Pattern;

/** Names and addresses: the profile name, the HAL backend, and what telemetry publishes under. */
final class IdentityRules implements Rule {

    /** Which backends exist is the program's to say (its backend modules); the profile only names one. */
    private static final Pattern BACKEND_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    /** What the transport connects to: plain TCP (TLS is not built yet; the transport refuses the rest). */
    static final List<String> BROKER_SCHEMES = List.of("tcp://");
    /** Ids become MQTT topic levels: no '/', '+', '#' or spaces, which would split or wildcard them. */
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[A-Za-z0-9._-]+");

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        if (p.name().isBlank()) {
            throw ctx.fail("profile", "must not be empty; name the profile, e.g. 'sim'");
        }
        if (!BACKEND_NAME.matcher(p.backend()).matches()) {
            throw ctx.fail("backend", "'%s' is not a backend name; allowed lower-case letters, digits and '-', e.g. 'sim'",
                    p.backend());
        }
        var known = ctx.knownBackends();
        if (known != null && !known.contains(p.backend())) {
            throw ctx.fail("backend", "'%s' is not a known backend; known backends: %s", p.backend(),
                    known.isEmpty() ? "none" : String.join(", ", known.stream().sorted().toList()));
        }
        TelemetrySpec t = p.telemetry();
        topicLevel(ctx, "telemetry.deviceId", t.deviceId());
        topicLevel(ctx, "telemetry.topicPrefix", t.topicPrefix());
        String url = t.brokerUrl();
        if (url != null && BROKER_SCHEMES.stream().noneMatch(s -> url.startsWith(s) && url.length() > s.length())) {
            throw ctx.fail("telemetry.brokerUrl", "'%s' is not a broker address; allowed null or a URL starting with %s",
                    url, String.join(" or ", BROKER_SCHEMES));
        }
    }

    private static void topicLevel(RuleContext ctx, String path, String value) {
        if (!TOPIC_LEVEL.matcher(value).matches()) {
            throw ctx.fail(path, "'%s' is not allowed; use one or more of A-Z a-z 0-9 . _ - (it is an MQTT topic level)",
                    value);
        }
    }
}
