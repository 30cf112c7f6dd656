package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.common.Facts;
import io.littlehub.common.config.HubConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the sign-in page says, from the config: the course's name and the guidance for each way of signing in. */
class LoginGuidanceTest {
    private static final Facts DEBIAN = new Facts("debian", "12", "Debian 12", "amd64", 2L << 30, 20L << 30, 252);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> login(String yaml) {
        return (Map<String, Object>) Model.build(HubConfig.load(yaml), DEBIAN).get("login");
    }

    @Test
    void firstUseSaysToChooseAPasswordOfTheConfiguredLength() {
        assertEquals(
                Map.of(
                        "course",
                        "",
                        "min_password_length",
                        7,
                        "hint",
                        "First time here? Choose your password now: at least 7 characters. "
                                + "Your teacher's roster decides who may sign in."),
                login(""));
        assertEquals(
                "First time here? Choose your password now: at least 12 characters. "
                        + "Your teacher's roster decides who may sign in.",
                login("auth: {min_password_length: 12}\n").get("hint"));
        assertEquals(12, login("auth: {min_password_length: 12}\n").get("min_password_length"));
        assertEquals(
                "First time here? Pick a user name and choose your password now: at least 7 characters.",
                login("users: {open_signup: true}\n").get("hint"));
    }

    @Test
    void theTeachersOwnHintAndCourseNameWin() {
        Map<String, Object> own = login("course: {name: '  Data 101 '}\n"
                + "auth: {login_hint: ' Use the password your teacher gave you. '}\n");
        assertEquals("Data 101", own.get("course"));
        assertEquals("Use the password your teacher gave you.", own.get("hint"));
        assertEquals(login("").get("hint"), login("auth: {login_hint: '   '}\n").get("hint"), "blank is the default");
    }

    @Test
    void eachSignInTypeGetsItsOwnWords() {
        assertEquals(
                "Sign in with your user name and the class password your teacher gave you.",
                login("auth: {type: shared-password, user_password: 12345678x}\n")
                        .get("hint"));
        assertEquals(
                "Sign in with your school user name and password.",
                login("auth: {type: ldap, server_address: ldap.example.org}\n").get("hint"));
        // A "Sign in with GitHub" button says it all; native shows its own page.
        assertEquals("", login("auth: {type: github}\n").get("hint"));
        assertEquals("", login("auth: {type: native}\n").get("hint"));
    }
}
