package io.littlehub.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings the language has but this release does not enforce are refused, by line, instead of silently ignored. */
class NotYetEnforcedTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "users: {allowed: [ada]}|line 1: users.allowed: a roster of allowed users is not enforced by this littlehub release yet: remove users.allowed",
        "users: {banned: [eve]}|line 1: users.banned: banning users is not enforced by this littlehub release yet: remove users.banned",
        "auth: {type: shared-password, user_password: correct-horse}|line 1: auth.type: \"shared-password\" sign-in is not available in this littlehub release yet (only firstuse is): remove auth or use type: firstuse",
        "limits: {users: {ada: {memory: 2G}}}|line 1: limits.users: per-user limits is not enforced by this littlehub release yet: remove limits.users",
        "base_url: /jupyter/|line 1: base_url: a base URL other than / is not supported by this littlehub release yet: remove base_url",
        "services: {cull: {max_age: 3600}}|line 1: services.cull.max_age: is not enforced by this littlehub release yet: remove it (or set 0)",
    })
    void refusesWhatTheHubWouldIgnore(String yaml, String expected) {
        assertEquals(List.of(expected), new ConfigValidator().validate(yaml).stream().map(ConfigProblem::toString).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"users: {admin: [teacher], allowed: [], banned: []}", "auth: {type: firstuse}", "base_url: /", "limits: {users: {}}"})
    void acceptsTheDefaultsWrittenOut(String yaml) {
        assertEquals(List.of(), new ConfigValidator().validate(yaml));
    }
}
