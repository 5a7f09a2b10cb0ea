package backprop.kernel.runtime;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds a call of {@link StopCheck#poll()} before the backward jumps (loop back-edges) of the outermost loops of
 * every method of a snippet class, with ASM. The call takes and leaves nothing on the operand stack and adds no
 * jump target, so the maximum stack size and the stack map frames stay valid as they are, and no class has to
 * be loaded to compute frames.
 *
 * <p>Outermost loops only: the check is a volatile read, which keeps the JIT from unrolling and vectorizing the
 * loop it sits in (an {@code y[i] += a * x[i]} loop ran 3x slower with it, a triple loop matrix product 3-5x),
 * so inner loops, where the time goes, stay as they are, and an interrupt takes effect at the next pass of the
 * outer loop. A back-edge is inner when another back-edge jumps further back from further on. (An endless inner
 * loop is not stopped by the check; the stop goes on to Thread.stop, or to a restart of the snippet JVM.)
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
        List<Set<Integer>> checks = new ArrayList<>(); // per method: the instruction numbers of the checked jumps
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                Set<Integer> jumps = new HashSet<>();
                checks.add(jumps);
                return new Scan(jumps);
            }
        }, 0);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private int method;

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                Set<Integer> jumps = checks.get(method++);
                return mv == null || jumps.isEmpty() ? mv : new Insert(mv, jumps);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Counts instructions; both passes see the same ones, so a number names one instruction. */
    private abstract static class Counting extends MethodVisitor {
        int insn;

        Counting(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        /** Called before each instruction is passed on, with its number; the targets if it jumps. */
        abstract void before(Label... targets);

        private void next(Label... targets) {
            before(targets);
            insn++;
        }

        @Override public void visitInsn(int opcode) { next(); super.visitInsn(opcode); }
        @Override public void visitIntInsn(int opcode, int operand) { next(); super.visitIntInsn(opcode, operand); }
        @Override public void visitVarInsn(int opcode, int var) { next(); super.visitVarInsn(opcode, var); }
        @Override public void visitTypeInsn(int opcode, String type) { next(); super.visitTypeInsn(opcode, type); }
        @Override public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            next();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }
        @Override public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            next();
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
        @Override public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... bsmArgs) {
            next();
            super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
        }
        @Override public void visitJumpInsn(int opcode, Label label) { next(label); super.visitJumpInsn(opcode, label); }
        @Override public void visitLdcInsn(Object value) { next(); super.visitLdcInsn(value); }
        @Override public void visitIincInsn(int var, int increment) { next(); super.visitIincInsn(var, increment); }
        @Override public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            next(with(dflt, labels));
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }
        @Override public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            next(with(dflt, labels));
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }
        @Override public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            next();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }

        private static Label[] with(Label dflt, Label[] labels) {
            Label[] all = new Label[labels.length + 1];
            all[0] = dflt;
            System.arraycopy(labels, 0, all, 1, labels.length);
            return all;
        }
    }

    /** First pass: finds the back-edges (header, jump) and keeps the jumps of outermost loops. */
    private static final class Scan extends Counting {
        private final Set<Integer> checked;
        private final Map<Label, Integer> at = new HashMap<>();
        private final List<int[]> edges = new ArrayList<>();

        Scan(Set<Integer> checked) {
            super(null);
            this.checked = checked;
        }

        @Override
        public void visitLabel(Label label) {
            at.put(label, insn);
        }

        @Override
        void before(Label... targets) {
            int header = Integer.MAX_VALUE;
            for (Label l : targets) {
                Integer h = at.get(l);
                if (h != null) header = Math.min(header, h);
            }
            if (header != Integer.MAX_VALUE) edges.add(new int[]{header, insn});
        }

        @Override
        public void visitEnd() {
            for (int[] e : edges) {
                boolean inner = false;
                for (int[] f : edges) inner |= f[0] < e[0] && f[1] > e[1];
                if (!inner) checked.add(e[1]);
            }
        }
    }

    /** Second pass: the check before each kept jump. */
    private static final class Insert extends Counting {
        private final Set<Integer> checked;

        Insert(MethodVisitor mv, Set<Integer> checked) {
            super(mv);
            this.checked = checked;
        }

        @Override
        void before(Label... targets) {
            if (checked.contains(insn)) mv.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "poll", "()V", false);
        }
    }
}
