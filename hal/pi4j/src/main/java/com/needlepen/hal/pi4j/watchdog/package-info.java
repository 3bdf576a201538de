/**
 * The Pi's hardware watchdog ({@code /dev/watchdog}, bcm2835_wdt) behind the HAL's {@code HardwareWatchdog}: the
 * timeout's limits, kicks rate-limited on the tick's clock, magic close on a clean shutdown, and why the pen's
 * service, not systemd, owns the node ({@link com.needlepen.hal.pi4j.watchdog.LinuxWatchdog}).
 */
package com.needlepen.hal.pi4j.watchdog;
