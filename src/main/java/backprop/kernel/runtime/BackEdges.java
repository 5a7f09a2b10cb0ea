package backprop.kernel.runtime;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashSet;
import java.util.Set;

/**
 * Adds a call of {@link StopCheck#poll()} before every backward jump (the back-edge of every loop) of a snippet
 * class, with ASM. The call takes and leaves nothing on the operand stack and adds no jump target, so the
 * maximum stack size and the stack map frames stay valid as they are and no class has to be loaded to
 * compute frames.
 */
final class BackEdges {
    private static final String OWNER = StopCheck.class.getName().replace('.', '/');

    private BackEdges() {}

    /**
     * The class with stop checks.
     *
     * @throws IllegalArgumentException if ASM cannot read the class (e.g. a class-file version newer than it knows)
     */
    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                return mv == null ? null : new Checks(mv);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class Checks extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        Checks(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        private void checkIfBackward(Label dflt, Label... targets) {
            boolean backward = seen.contains(dflt);
            for (Label l : targets) backward |= seen.contains(l);
            if (backward) super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "poll", "()V", false);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            checkIfBackward(label);
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            checkIfBackward(dflt, labels);
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            checkIfBackward(dflt, labels);
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }
    }
}
