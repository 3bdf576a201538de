/**
 * The collar on a TMC2209: STEP/DIR timed from Java, the chip's single-wire UART for configuration and diagnostics,
 * the collar's AS5311-class scale as position feedback.
 *
 * <ul>
 *   <li>{@link com.needlepen.hal.pi4j.tmc2209.Tmc2209Uart}: datagrams, CRC8, the echo, IFCNT-confirmed writes.</li>
 *   <li>{@link com.needlepen.hal.pi4j.tmc2209.StepGenerator}: the trapezoid's exact step times, late steps shifting
 *       the schedule rather than bunching.</li>
 *   <li>{@link com.needlepen.hal.pi4j.tmc2209.StepLoop}: the step thread, its count the collar's position, its highest
 *       rate enforced.</li>
 *   <li>{@link com.needlepen.hal.pi4j.tmc2209.Tmc2209Collar}: the HAL {@code CollarStepper}: configuration, faults,
 *       stalls, hold current, all UART traffic on the service thread's {@code poll}.</li>
 * </ul>
 *
 * <p><b>STEP/DIR, not VACTUAL</b>: the internal pulse generator counts nothing, and the firmware needs an exact count
 * (see {@code Tmc2209Collar}). <b>Highest step rate: 10,000 steps/s</b> (the {@code StepLoop}'s construction argument;
 * the profile's {@code collar.maxSpeedMmPerS x stepsPerMm} must not exceed it; the collar needs 6,400: 2 mm/s at 3,200
 * steps/mm, 800 full steps/s). A parked thread wakes 50 to 100 µs late (docs/performance.md; 73 µs median, 210 to 261 µs p99
 * measured for a 156 µs step period on the 2-vCPU development VM under load), half a step period at the collar's rate, so the step thread parks only
 * until 100 µs before a step and spins the rest: during a move it spins all the time (one core for the move's second
 * or two), idle it parks. Spinning, a step went out 0.1 µs late at the median, 13 µs at p99 (same VM, same load; its
 * tail, 2.6 ms at most, is the machine's, which an isolated core takes away), and the GPIO writes (two gpiod ioctls
 * of a few µs, not measured on a Pi yet) keep the jitter at a few percent of a 100 µs period; the chip's
 * multistep_filt smooths what is left above about 750 full steps/s. A step that comes late (the thread descheduled)
 * shifts the rest of the move instead of bunching the missed steps: the count stays exact, the move ends as late. On
 * the Pi the step thread wants a core of its own next to the control loop's (isolcpus, taskset, chrt as for the loop
 * thread, docs/performance.md).
 */
package com.needlepen.hal.pi4j.tmc2209;
