package com.needlepen.tools;

import com.needlepen.tools.cli.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code needlepen} command line. */
@Command(name = "needlepen", mixinStandardHelpOptions = true, versionProvider = NeedlePenCli.Version.class,
        description = "Controller firmware for the NeedlePen microneedling pen.",
        subcommands = {SimulateCommand.class, com.needlepen.tools.cli.CalibrateCommand.class,
                com.needlepen.tools.cli.HomeCommand.class, com.needlepen.tools.cli.JogCommand.class,
                com.needlepen.tools.cli.BenchCommand.class, com.needlepen.tools.cli.DoctorCommand.class,
                com.needlepen.tools.cli.RunCommand.class,
                CommandLine.HelpCommand.class})
public final class NeedlePenCli {

    /** Exit code: the session completed. */
    public static final int OK = 0;
    /** Exit code: bad input (profile, arguments). */
    public static final int BAD_INPUT = 2;
    /** Exit code: a fault ended the session. */
    public static final int FAULT = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this rather than main). */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the CLI writing to {@code out} and {@code err}; returns its exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    /** Runs the CLI reading what a person types from {@code in}; returns its exit code. */
    public static int run(java.io.InputStream in, java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new NeedlePenCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                // the technician's typed readings come from the caller's input, not always System.in
                return cls == com.needlepen.tools.cli.CalibrateCommand.class
                        ? cls.cast(new com.needlepen.tools.cli.CalibrateCommand(in)) : defaults.create(cls);
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("needlepen: " + ex.getMessage().lines().findFirst().orElse("bad input"));
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, command, parsed) -> {
            if (ex instanceof UserInputException || ex instanceof com.needlepen.config.calibration.CalibrationException) {
                command.getErr().println("needlepen: " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof com.needlepen.tools.cli.CalibrateCommand.CalibrationAborted aborted) {
                command.getErr().println("needlepen: calibration stopped: " + aborted.getMessage());
                return FAULT;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NeedlePenCli.class.getPackage().getImplementationVersion();
            return new String[] {"needlepen " + (v == null ? "dev" : v)};
        }
    }
}
