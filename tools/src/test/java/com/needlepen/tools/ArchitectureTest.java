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
}
