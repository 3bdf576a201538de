/**
 * The hardware abstraction layer: interfaces and value types only. Backends (the simulated pen in
 * hal/sim, the Raspberry Pi in hal/pi4j) implement them; the firmware sees nothing else.
 */
package com.needlepen.hal;
