package io.littlehub.cli.cloudinit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * {@code #cloud-config} user-data that makes a fresh Debian 12/13 or Ubuntu 24.04 VM ready for {@code littlehub
 * provision}: a login user with passwordless sudo and the teacher's key, password logins over SSH off, and the
 * {@link Firewall}. Written with SnakeYAML so every value is quoted as YAML needs (a key comment may hold anything).
 */
public final class UserData {
    private UserData() {}

    public static String of(String user, SshPublicKey key) {
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("name", LoginName.check(user));
        login.put("shell", "/bin/bash");
        login.put("lock_passwd", true);
        login.put("sudo", "ALL=(ALL) NOPASSWD:ALL");
        login.put("ssh_authorized_keys", List.of(key.line()));

        Map<String, Object> config = new LinkedHashMap<>();
        // "default" keeps the image's usual user (ubuntu, debian, admin …) with the key the provider installs.
        config.put("users", List.of("default", login));
        config.put("ssh_pwauth", false);
        config.put("package_update", true);
        // sudo: some images (Hetzner's, minimal ones) log in as root and have none; nftables: Ubuntu's may lack nft.
        config.put("packages", List.of("nftables", "sudo"));
        config.put(
                "write_files",
                List.of(
                        file(Firewall.RULES_PATH, "0644", Firewall.rules()),
                        file(Firewall.UNIT_PATH, "0644", Firewall.unit())));
        // runcmd runs after packages are installed (final stage), so nft is there.
        config.put(
                "runcmd",
                List.of(List.of("systemctl", "daemon-reload"), List.of("systemctl", "enable", "--now", Firewall.UNIT)));

        String header = String.join(
                "\n",
                "#cloud-config",
                "# From `littlehub cloud-init`: user " + user
                        + " (sudo without a password, your SSH key), password logins over SSH off,",
                "# and a firewall that lets in only SSH (22), HTTP (80) and HTTPS (443). Paste it as the VM's user data, then:",
                "#   littlehub provision " + user + "@ADDRESS",
                "");
        return header + yaml().dump(config);
    }

    private static Map<String, Object> file(String path, String mode, String content) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", path);
        f.put("owner", "root:root");
        f.put("permissions", mode);
        f.put("content", content);
        return f;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(4096);
        return new Yaml(new Readable(options), options);
    }

    /** Multi-line text as literal blocks (the files read as they will be on disk), lists of words on one line. */
    private static final class Readable extends Representer {
        Readable(DumperOptions options) {
            super(options);
            representers.put(String.class, data -> {
                String s = (String) data;
                return representScalar(
                        Tag.STR,
                        s,
                        s.contains("\n") ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.PLAIN);
            });
            multiRepresenters.put(List.class, data -> {
                List<?> list = (List<?>) data;
                boolean words = list.stream().allMatch(e -> e instanceof String s && !s.contains(" "));
                return representSequence(
                        Tag.SEQ, list, words ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
            });
        }
    }
}
