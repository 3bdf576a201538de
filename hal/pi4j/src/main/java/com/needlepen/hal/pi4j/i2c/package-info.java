/**
 * The pen's I2C parts on a Raspberry Pi: the motor current and supply monitor ({@link
 * com.needlepen.hal.pi4j.i2c.Ina226}, or {@link com.needlepen.hal.pi4j.i2c.Ina219}s), the handpiece thermometer
 * ({@link com.needlepen.hal.pi4j.i2c.Tmp117}), served to the firmware as {@link
 * com.needlepen.hal.pi4j.i2c.I2cAnalogSensors}; the handpiece's identity EEPROM ({@link
 * com.needlepen.hal.pi4j.i2c.I2cHandpieceMemory}); the OLED ({@link com.needlepen.hal.pi4j.i2c.Ssd1306Display}).
 *
 * <p>Every driver talks through an {@link com.needlepen.hal.pi4j.bus.I2cChannel}: production fills it from Pi4J's
 * linuxfs I2C, the tests with register models of the parts. Nothing on the 1 ms control tick touches the bus: the
 * backend's service thread calls the {@code poll} methods, the HAL getters return what the last poll stored.
 *
 * <p>Bus budget at 400 kHz (set {@code dtparam=i2c_arm_baudrate=400000}; the Pi's default is 100 kHz, four times
 * slower, too slow for a current read every conversion): a 16-bit register read (pointer, repeated start, two bytes)
 * is about 47 bit times, 118 us; a 3-byte register write 95 us. Per 1 ms poll: the INA226's flag read (118 us) and,
 * with a new conversion, current and bus (236 us more, every eighth conversion the calibration check, 118 us more);
 * the TMP117's flag every 16 ms (118 us, plus 118 us for a new result every 125 ms); the display's at most one
 * 32-column chunk (a 4-byte address write, 118 us, and a 33-byte data write, about 770 us) only while a line it was
 * given differs from what it shows.
 */
package com.needlepen.hal.pi4j.i2c;
