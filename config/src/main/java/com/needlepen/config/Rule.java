package com.needlepen.config;

/** One group of profile checks; the first violation is thrown as a {@link ConfigException}. */
interface Rule {

    void check(DeviceProfile profile, RuleContext ctx);
}
