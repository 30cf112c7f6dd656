package io.littlehub.cli.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/**
 * A client for the ssh-agent protocol over the agent's Unix domain socket ({@code SSH_AUTH_SOCK}): lists the keys the
 * agent holds and asks it to sign. Only the two requests littlehub needs; every message is a uint32 length, a type
 * byte and a payload of SSH wire types.
 */
public final class AgentClient implements Closeable {
    static final byte SSH_AGENT_FAILURE = 5;
    static final byte SSH_AGENTC_REQUEST_IDENTITIES = 11;
    static final byte SSH_AGENT_IDENTITIES_ANSWER = 12;
    static final byte SSH_AGENTC_SIGN_REQUEST = 13;
    static final byte SSH_AGENT_SIGN_RESPONSE = 14;
    public static final int SSH_AGENT_RSA_SHA2_256 = 2;
    public static final int SSH_AGENT_RSA_SHA2_512 = 4;
    private static final int MAX_MESSAGE = 256 * 1024;

    /** A key held by the agent: its wire blob, the comment given to ssh-add, and the decoded public key. */
    public record Identity(byte[] blob, String comment, PublicKey key) {
        public String sshType() {
            return KeyType.fromKey(key).toString();
        }

        public String fingerprint() {
            return Fingerprints.sha256(blob);
        }

        @Override
        public String toString() {
            return "agent key " + Fingerprints.typeLabel(sshType()) + " " + fingerprint()
                    + (comment.isEmpty() ? "" : " (" + comment + ")");
        }
    }

    private final String socketPath;
    private final SocketChannel channel;

    private AgentClient(String socketPath, SocketChannel channel) {
        this.socketPath = socketPath;
        this.channel = channel;
    }

    public static AgentClient open(String socketPath) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socketPath));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot reach the ssh-agent at " + socketPath + ": " + e.getMessage(), e);
        }
        return new AgentClient(socketPath, ch);
    }

    /** SSH_AGENTC_REQUEST_IDENTITIES; keys of types sshj cannot decode are left out. */
    public synchronized List<Identity> identities() throws IOException {
        Buffer.PlainBuffer answer = call(new byte[] {SSH_AGENTC_REQUEST_IDENTITIES});
        byte type = answer.readByte();
        if (type != SSH_AGENT_IDENTITIES_ANSWER) {
            throw new IOException(
                    "the ssh-agent at " + socketPath + " answered " + type + " to a request for its keys");
        }
        int n = answer.readUInt32AsInt();
        List<Identity> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] blob = answer.readBytes();
            String comment = answer.readString(StandardCharsets.UTF_8);
            try {
                PublicKey key = new Buffer.PlainBuffer(blob).readPublicKey();
                if (KeyType.fromKey(key) != KeyType.UNKNOWN) {
                    out.add(new Identity(blob, comment, key));
                }
            } catch (Buffer.BufferException | RuntimeException e) {
                // A key type this client cannot use (for example a security key): skipped.
            }
        }
        return out;
    }

    /**
     * SSH_AGENTC_SIGN_REQUEST: signs {@code data} with the key {@code blob}; {@code flags} selects rsa-sha2-256/512
     * for RSA keys. Returns the signature as the agent gives it: string algorithm, string signature bytes.
     */
    public synchronized byte[] sign(byte[] blob, byte[] data, int flags) throws IOException {
        Buffer.PlainBuffer req = new Buffer.PlainBuffer();
        req.putByte(SSH_AGENTC_SIGN_REQUEST).putBytes(blob).putBytes(data).putUInt32(flags);
        Buffer.PlainBuffer answer = call(req.getCompactData());
        byte type = answer.readByte();
        if (type != SSH_AGENT_SIGN_RESPONSE) {
            throw new IOException(
                    type == SSH_AGENT_FAILURE
                            ? "the ssh-agent refused to sign (the key may need confirmation, or was removed)"
                            : "the ssh-agent answered " + type + " to a signing request");
        }
        return answer.readBytes();
    }

    private Buffer.PlainBuffer call(byte[] message) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(4 + message.length);
        out.putInt(message.length).put(message).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer len = ByteBuffer.allocate(4);
        readFully(len);
        int n = len.flip().getInt();
        if (n <= 0 || n > MAX_MESSAGE) {
            throw new IOException("the ssh-agent sent a message of " + n + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(n);
        readFully(body);
        return new Buffer.PlainBuffer(body.array());
    }

    private void readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new IOException("the ssh-agent closed the connection");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
