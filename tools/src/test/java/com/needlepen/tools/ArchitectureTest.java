package com.needlepen.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: only tools wires a backend in, and only one class knows Paho. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the firmware's test-jar (its bench) is on this module's test class path: tests, not the product
            .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/firmware/target/test-classes/"))
            .importPackages("com.needlepen");

    @Test
    void halApiConfigAndFirmwareDoNotImportAHalBackend() {
        noClasses().that().resideInAnyPackage("com.needlepen.hal", "com.needlepen.config..", "com.needlepen.firmware..")
                .should().dependOnClassesThat().resideInAnyPackage("com.needlepen.hal.sim..", "com.needlepen.hal.pi4j..",
                        "com.pi4j..")
                .check(classes);
    }

    @Test
    void onlyTheOneTransportClassImportsPaho() {
        noClasses().that().doNotHaveFullyQualifiedName("com.needlepen.firmware.mqtt.PahoMqttTransport")
                .and().resideOutsideOfPackage("org.eclipse.paho..")
                .and().haveNameNotMatching("com\\.needlepen\\.firmware\\.mqtt\\.PahoMqttTransport\\$.*")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.paho..")
                .check(classes);
    }

    @Test
    void firmwareDoesNotDependOnTools() {
        noClasses().that().resideInAnyPackage("com.needlepen.hal..", "com.needlepen.config..", "com.needlepen.firmware..")
                .should().dependOnClassesThat().resideInAnyPackage("com.needlepen.tools..")
                .check(classes);
    }

    @Test
    void onlyTestsChooseTheSafetyChecks_theFirmwareAlwaysRunsTheStandardSet() {
        noClasses().that().doNotHaveFullyQualifiedName("com.needlepen.firmware.PenController")
                .should().callConstructor(com.needlepen.firmware.PenController.class,
                        com.needlepen.config.DeviceProfile.class, com.needlepen.hal.PenHardware.class,
                        com.needlepen.firmware.telemetry.TelemetrySink.class, double.class, double.class,
                        com.needlepen.firmware.DepthCalibration.class,
                        com.needlepen.firmware.session.CartridgeLedger.class, java.util.function.Function.class)
                .because("a production caller choosing the checks would be a switch that disables a mitigation")
                .check(classes);
        noClasses().that().doNotHaveFullyQualifiedName("com.needlepen.firmware.PenController")
                .should().callConstructor(com.needlepen.firmware.PenController.class,
                        com.needlepen.config.DeviceProfile.class, com.needlepen.hal.PenHardware.class,
                        com.needlepen.firmware.telemetry.TelemetrySink.class, double.class, double.class,
                        com.needlepen.firmware.DepthCalibration.class,
                        com.needlepen.firmware.session.CartridgeLedger.class, java.util.function.Function.class,
                        com.needlepen.firmware.loop.TickTrace.class)
                .because("a production caller choosing the checks would be a switch that disables a mitigation")
                .check(classes);
    }

    @Test
    void theConstructorTheRuleAboveNamesExists() throws Exception {
        // the rule above names a signature; if it drifted, the rule would pass over nothing
        org.assertj.core.api.Assertions.assertThat(com.needlepen.firmware.PenController.class.getConstructor(
                com.needlepen.config.DeviceProfile.class, com.needlepen.hal.PenHardware.class,
                com.needlepen.firmware.telemetry.TelemetrySink.class, double.class, double.class,
                com.needlepen.firmware.DepthCalibration.class, com.needlepen.firmware.session.CartridgeLedger.class,
                java.util.function.Function.class)).isNotNull();
        org.assertj.core.api.Assertions.assertThat(com.needlepen.firmware.PenController.class.getConstructor(
                com.needlepen.config.DeviceProfile.class, com.needlepen.hal.PenHardware.class,
                com.needlepen.firmware.telemetry.TelemetrySink.class, double.class, double.class,
                com.needlepen.firmware.DepthCalibration.class, com.needlepen.firmware.session.CartridgeLedger.class,
                java.util.function.Function.class, com.needlepen.firmware.loop.TickTrace.class)).isNotNull();
    }

    @Test
    void onlyTestsUseALedgerThatForgetsUsedCartridges() {
        noClasses().should().callMethod(com.needlepen.firmware.session.CartridgeLedger.class, "inMemory")
                .because("a pen that forgets its cartridges at power-off lets a used cartridge open a new session")
                .check(classes);
    }

    @Test
    void theFirmwareDoesNotStartABroker() {
        noClasses().that().resideInAnyPackage("com.needlepen.hal..", "com.needlepen.config..", "com.needlepen.firmware..")
                .should().dependOnClassesThat().resideInAnyPackage("com.needlepen.broker..", "io.moquette..")
                .check(classes);
    }

    @Test
    void everySafetyCheckClassIsInTheStandardSet() {
        var profile = com.needlepen.config.ProfileLoader.bundled("sim");
        var pen = com.needlepen.hal.sim.SimulatedPenFactory.create(profile, 12, 1);
        var hw = pen.hardware();
        var drive = new com.needlepen.firmware.drive.StrokeDrive(hw.motor(), hw.index(), hw.sensors(), profile);
        var positioner = new com.needlepen.firmware.collar.DepthPositioner(hw.collar(), profile.collar(),
                new com.needlepen.firmware.collar.NominalDepthMap(profile.collar()), 1.5);
        var standard = com.needlepen.firmware.safety.SafetyChecks.standard(new com.needlepen.firmware.safety.SafetyInputs(
                profile, drive, positioner, hw.collar(),
                new com.needlepen.firmware.collar.ZeroCheck(hw.collar(), profile.collar(), profile.tuning().zeroCheck()),
                hw.sensors(), hw.cartridge(), com.needlepen.firmware.loop.TickTrace.system()));
        java.util.Set<String> inStandard = new java.util.HashSet<>();
        standard.forEach(c -> inStandard.add(c.getClass().getName()));
        java.util.Set<String> all = new java.util.HashSet<>();
        classes.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.implement(
                com.needlepen.firmware.safety.SafetyCheck.class)).forEach(c -> all.add(c.getName()));
        org.assertj.core.api.Assertions.assertThat(all).isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(inStandard).containsExactlyInAnyOrderElementsOf(all);
    }
}
