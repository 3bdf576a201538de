package com.needlepen.config;

import java.util.List;
import java.util.regex.Pattern;

/** Names and addresses: the profile name, the HAL backend, and what telemetry publishes under. */
final class IdentityRules implements Rule {

    static final List<String> BACKENDS = List.of("sim", "pi4j");
    /** What the transport connects to: plain TCP (TLS is not built yet; the transport refuses the rest). */
    static final List<String> BROKER_SCHEMES = List.of("tcp://");
    /** Ids become MQTT topic levels: no '/', '+', '#' or spaces, which would split or wildcard them. */
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[A-Za-z0-9._-]+");

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        if (p.name().isBlank()) {
            throw ctx.fail("profile", "must not be empty; name the profile, e.g. 'sim'");
        }
        if (!BACKENDS.contains(p.backend())) {
            throw ctx.fail("backend", "'%s' is not a known backend; allowed 'sim' or 'pi4j'", p.backend());
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
