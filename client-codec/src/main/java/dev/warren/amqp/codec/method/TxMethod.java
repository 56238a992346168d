package dev.warren.amqp.codec.method;

import io.netty.buffer.ByteBuf;

/** Methods of the tx class (90): standard transactions. */
public sealed interface TxMethod extends Method permits
        TxMethod.Select,
        TxMethod.SelectOk,
        TxMethod.Commit,
        TxMethod.CommitOk,
        TxMethod.Rollback,
        TxMethod.RollbackOk {

    /** tx.select: select standard transaction mode. */
    record Select() implements TxMethod {
        /** The only value this record has. */
        public static final Select INSTANCE = new Select();

        @Override
        public MethodKind kind() {
            return MethodKind.TX_SELECT;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static Select decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** tx.select-ok: confirm transaction mode. */
    record SelectOk() implements TxMethod {
        /** The only value this record has. */
        public static final SelectOk INSTANCE = new SelectOk();

        @Override
        public MethodKind kind() {
            return MethodKind.TX_SELECT_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static SelectOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** tx.commit: commit the current transaction. */
    record Commit() implements TxMethod {
        /** The only value this record has. */
        public static final Commit INSTANCE = new Commit();

        @Override
        public MethodKind kind() {
            return MethodKind.TX_COMMIT;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static Commit decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** tx.commit-ok: confirm a successful commit. */
    record CommitOk() implements TxMethod {
        /** The only value this record has. */
        public static final CommitOk INSTANCE = new CommitOk();

        @Override
        public MethodKind kind() {
            return MethodKind.TX_COMMIT_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static CommitOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** tx.rollback: abandon the current transaction. */
    record Rollback() implements TxMethod {
        /** The only value this record has. */
        public static final Rollback INSTANCE = new Rollback();

        @Override
        public MethodKind kind() {
            return MethodKind.TX_ROLLBACK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static Rollback decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** tx.rollback-ok: confirm successful rollback. */
    record RollbackOk() implements TxMethod {
        /** The only value this record has. */
        public static final RollbackOk INSTANCE = new RollbackOk();

        @Override
        public MethodKind kind() {
            return MethodKind.TX_ROLLBACK_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static RollbackOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }
}
