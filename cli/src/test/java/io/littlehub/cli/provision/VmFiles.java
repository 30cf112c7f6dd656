package io.littlehub.cli.provision;

import io.littlehub.testvm.Vm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Files put into a test VM by the test itself (not by littlehub): the content travels as an argument, base64, so no shell reads it. */
public final class VmFiles {
    private VmFiles() {}

    /** Writes a root-owned file (its folders made as needed). */
    public static void writeAsRoot(Vm vm, String path, String content) {
        vm.check(
                "sudo",
                "python3",
                "-c",
                "import base64, os, sys; os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True);"
                        + " open(sys.argv[1], 'wb').write(base64.b64decode(sys.argv[2]))",
                path,
                Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    }
}
