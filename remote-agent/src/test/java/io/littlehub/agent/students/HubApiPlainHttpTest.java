package io.littlehub.agent.students;

import static org.junit.jupiter.api.Assertions.assertNotSame;

import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The hub API's client is made without the JVM's default TLS context (whose making reads the CA store). */
class HubApiPlainHttpTest {
    @Test
    void theClientHasATlsContextOfItsOwn() throws Exception {
        assertNotSame(SSLContext.getDefault(), HubApi.plainHttp().sslContext());
    }
}
