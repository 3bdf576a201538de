/**
 * The index sensor's edges with the kernel's CLOCK_MONOTONIC timestamps, through the Linux GPIO character
 * device's v2 uAPI bound with JNA ({@link com.needlepen.hal.pi4j.gpio.GpioV2}, why v2), read by a thread into a
 * lock-free ring the control tick drains ({@link com.needlepen.hal.pi4j.gpio.KernelIndexSensor}).
 */
package com.needlepen.hal.pi4j.gpio;
