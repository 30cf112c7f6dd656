package io.littlehub.testvm;

/** A stand-in test JVM that owns one VM and then waits to be killed (see NspawnVmIT). */
public final class OwnedVmMain {
    public static void main(String[] args) throws Exception {
        Vm vm = TestVms.open().up(args[0], TestVms.UpOptions.defaults().owned(true));
        System.out.println("UP " + VmState.JSON.writeValueAsString(vm.state()));
        System.out.flush();
        Thread.sleep(600_000);
    }
}
