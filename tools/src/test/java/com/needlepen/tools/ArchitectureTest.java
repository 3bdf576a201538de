package com.needlepen.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: only tools wires a backend in, only the Raspberry Pi backend knows Pi4J and JNA, and only
 * one class knows Paho.
 */
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
    void onlyTheRaspberryPiBackendImportsPi4jOrJna() {
        noClasses().that().resideInAPackage("com.needlepen..")
                .and().resideOutsideOfPackage("com.needlepen.hal.pi4j..")
                .should().dependOnClassesThat().resideInAnyPackage("com.pi4j..", "com.sun.jna..")
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
        noClasses().should().callMethod(com.needlepen.firmware.PenAssembly.class, "safetyChecksForTest",
                        java.util.function.Function.class)
                .because("a production caller choosing the checks would be a switch that disables a mitigation")
                .check(classes);
    }

    @Test
    void onlyTestsMakeTheCollarEndItsMovesOffTheLoadedFlank() throws Exception {
        noClasses().should().callMethod(com.needlepen.firmware.PenAssembly.class, "collarMovesEndDeeperForTest")
                .because("the collar must end its moves on the flank the skin's press bears on (H42)")
                .check(classes);
        org.assertj.core.api.Assertions.assertThat(com.needlepen.firmware.PenAssembly.class.getMethod(
                "collarMovesEndDeeperForTest")).isNotNull();
    }

    @Test
    void onlyTestsMakeParkingNudgeWithoutCreeping() throws Exception {
        noClasses().should().callMethod(com.needlepen.firmware.PenAssembly.class, "parkWithoutCreepForTest")
                .because("parking must creep to the index past a worn follower's friction and a broken spring (H51, H34)")
                .check(classes);
        org.assertj.core.api.Assertions.assertThat(com.needlepen.firmware.PenAssembly.class.getMethod(
                "parkWithoutCreepForTest")).isNotNull();
    }

    @Test
    void theMethodTheRuleAboveNamesExists() throws Exception {
        // the rule above names a signature; if it drifted, the rule would pass over nothing
        org.assertj.core.api.Assertions.assertThat(com.needlepen.firmware.PenAssembly.class.getMethod(
                "safetyChecksForTest", java.util.function.Function.class)).isNotNull();
    }

    @Test
    void onlyTheAssemblyWiresTheFirmware_toolsBuildsNoneOfItsParts() {
        noClasses().that().resideOutsideOfPackage("com.needlepen.firmware..")
                .should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaConstructorCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                                        "com.needlepen.firmware.state..", "com.needlepen.firmware.treatment..",
                                        "com.needlepen.firmware.panel..", "com.needlepen.firmware.drive..",
                                        "com.needlepen.firmware.collar..", "com.needlepen.firmware.safety..")
                                        // the CLI asks the firmware's own rules of depth and rate before a session
                                        .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                                com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                                        com.needlepen.firmware.treatment.SettingsPolicy.class))))))
                .because("PenAssembly is the one place the firmware's parts are put together")
                .check(classes);
    }

    @Test
    void onlyTheLoopMovesThePen_noPublicTransitionAndTheStateMachineIsTheLoopsAlone() {
        noMethods().that().areDeclaredInClassesThat().resideInAPackage("com.needlepen.firmware..")
                .and().haveNameMatching("(?i).*transition.*|setState")
                .should().bePublic()
                .because("a public way to change state would let a caller move the pen from READY to RUNNING past the start checks")
                .allowEmptyShould(true) // today there is no such method at all; the rule keeps it so
                .check(classes);
        noClasses().that().doNotHaveFullyQualifiedName("com.needlepen.firmware.PenController")
                .and().doNotHaveFullyQualifiedName("com.needlepen.firmware.PenAssembly")
                .and().doNotHaveFullyQualifiedName("com.needlepen.firmware.state.StateMachine")
                .and().haveNameNotMatching("com\\.needlepen\\.firmware\\.state\\.StateMachine\\$.*")
                .should().accessClassesThat().haveFullyQualifiedName("com.needlepen.firmware.state.StateMachine")
                .because("the state machine applies decisions only from the control loop's tick")
                .check(classes);
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
        var drive = new com.needlepen.firmware.drive.StrokeDrive(hw.motor(), hw.index(), hw.sensors(), hw.brakeMonitor(),
                profile);
        var positioner = new com.needlepen.firmware.collar.DepthPositioner(hw.collar(), profile.collar(),
                new com.needlepen.firmware.collar.NominalDepthMap(profile.collar()), 1.5);
        var standard = com.needlepen.firmware.safety.SafetyChecks.standard(new com.needlepen.firmware.safety.SafetyInputs(
                profile, drive, positioner, hw.collar(),
                new com.needlepen.firmware.collar.ZeroCheck(hw.collar(), profile.collar(), profile.tuning().zeroCheck()),
                hw.sensors(), hw.cartridge(), com.needlepen.firmware.loop.TickTrace.system(),
                new com.needlepen.firmware.session.SessionRecorder("arch", com.needlepen.firmware.telemetry.TelemetrySink.NONE)));
        java.util.Set<String> inStandard = new java.util.HashSet<>();
        standard.forEach(c -> inStandard.add(c.getClass().getName()));
        java.util.Set<String> all = new java.util.HashSet<>();
        classes.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.implement(
                com.needlepen.firmware.safety.SafetyCheck.class)).forEach(c -> all.add(c.getName()));
        org.assertj.core.api.Assertions.assertThat(all).isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(inStandard).containsExactlyInAnyOrderElementsOf(all);
    }
}
