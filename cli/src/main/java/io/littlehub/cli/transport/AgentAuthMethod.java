package io.littlehub.cli.transport;

import java.io.IOException;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * The "publickey" method (RFC 4252 §7) with a key held by an ssh-agent: offers the public key, and when the server
 * accepts it, has the agent sign the session id and request. RSA keys are offered as rsa-sha2-512 (the agent is
 * asked for that with {@link AgentClient#SSH_AGENT_RSA_SHA2_512}); servers from OpenSSH 8.8 on refuse ssh-rsa (SHA-1).
 */
final class AgentAuthMethod extends AbstractAuthMethod {
    private final AgentClient agent;
    private final AgentClient.Identity identity;

    AgentAuthMethod(AgentClient agent, AgentClient.Identity identity) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
    }

    /** The algorithm to offer: sshj's first configured one for this key type (rsa-sha2-512 for RSA). */
    private String algorithm() throws UserAuthException {
        try {
            return params.getTransport()
                    .getClientKeyAlgorithms(KeyType.fromKey(identity.key()))
                    .get(0)
                    .getKeyAlgorithm();
        } catch (TransportException e) {
            throw new UserAuthException("no algorithm for " + identity, e);
        }
    }

    static int flagsFor(String algorithm) {
        return switch (algorithm) {
            case "rsa-sha2-256" -> AgentClient.SSH_AGENT_RSA_SHA2_256;
            case "rsa-sha2-512" -> AgentClient.SSH_AGENT_RSA_SHA2_512;
            default -> 0;
        };
    }

    private SSHPacket request(boolean signed, String algorithm) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(algorithm).putString(identity.blob());
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false, algorithm());
    }

    @Override
    public void handle(Message msg, SSHPacket buf) throws UserAuthException, TransportException {
        if (msg != Message.USERAUTH_60) {
            super.handle(msg, buf);
            return;
        }
        String algorithm = algorithm();
        SSHPacket req = request(true, algorithm);
        byte[] toSign = new Buffer.PlainBuffer()
                .putString(params.getTransport().getSessionID())
                .putBuffer(req)
                .getCompactData();
        byte[] signature;
        try {
            signature = agent.sign(identity.blob(), toSign, flagsFor(algorithm));
        } catch (IOException e) {
            throw new UserAuthException(e.getMessage(), e);
        }
        params.getTransport().write(req.putString(signature));
    }

    @Override
    public String toString() {
        return identity.toString();
    }
}
