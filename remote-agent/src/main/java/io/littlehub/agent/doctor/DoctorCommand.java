package io.littlehub.agent.doctor;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code littlehub-agent doctor [--fix] [--json]}: parses, then {@link Doctor}. */
@Command(
        name = "doctor",
        description = {
            "Check the hub and say, for each problem, what is wrong and how to fix it.",
            "--fix also applies the safe fixes (restart a stopped unit, stop servers nobody can reach, time sync, trim the journal)."
        })
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--fix", description = "apply the safe fixes")
    boolean fix;

    @Option(names = "--json", description = "the findings as one JSON object")
    boolean json;

    @Option(
            names = "--laptop-time",
            paramLabel = "EPOCH_SECONDS",
            description = "the laptop's clock (the laptop passes it): the VM's skew is checked against it")
    Long laptopTime;

    @Option(
            names = "--laptop-version",
            paramLabel = "VERSION",
            description = "the laptop's littlehub release (the laptop passes it)")
    String laptopVersion;

    @Override
    public Integer call() throws Exception {
        Doctor doctor = Doctor.onThisMachine();
        var findings = Diagnosis.of(doctor.observe(laptopTime, laptopVersion));
        var outcome = fix ? doctor.fix(findings) : java.util.Map.<Finding, Boolean>of();
        doctor.report(findings, outcome, json, System.out);
        return Doctor.exitCode(findings, outcome);
    }
}
