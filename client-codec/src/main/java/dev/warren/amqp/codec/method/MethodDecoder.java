package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.AmqpCodecException;
import io.netty.buffer.ByteBuf;

/** Decodes the payload of a method frame into its {@link Method} record. */
public final class MethodDecoder {

    private MethodDecoder() {
    }

    /**
     * Decodes class id, method id and arguments.
     *
     * @param payload  the method frame's payload; read completely or up to the last argument
     * @param maxDepth how deep field tables and arrays may nest
     * @throws AmqpCodecException 503 for a method the protocol does not define, 502 for arguments that are
     *                            malformed or run past the payload
     */
    public static Method decode(ByteBuf payload, int maxDepth) {
        if (payload.readableBytes() < 4) {
            throw AmqpCodecException.syntaxError("method frame payload of " + payload.readableBytes()
                    + " bytes has no room for class and method ids");
        }
        int classId = payload.readUnsignedShort();
        int methodId = payload.readUnsignedShort();
        try {
            return decodeArguments(classId, methodId, payload, maxDepth);
        } catch (IndexOutOfBoundsException e) {
            throw AmqpCodecException.syntaxError("arguments of " + MethodKind.of(classId, methodId)
                    + " run past the end of the method frame");
        }
    }

    private static Method decodeArguments(int classId, int methodId, ByteBuf in, int maxDepth) {
        return switch ((classId << 16) | methodId) {
            case 10 << 16 | 10 -> ConnectionMethod.Start.decode(in, maxDepth); // connection.start
            case 10 << 16 | 11 -> ConnectionMethod.StartOk.decode(in, maxDepth); // connection.start-ok
            case 10 << 16 | 20 -> ConnectionMethod.Secure.decode(in, maxDepth); // connection.secure
            case 10 << 16 | 21 -> ConnectionMethod.SecureOk.decode(in, maxDepth); // connection.secure-ok
            case 10 << 16 | 30 -> ConnectionMethod.Tune.decode(in, maxDepth); // connection.tune
            case 10 << 16 | 31 -> ConnectionMethod.TuneOk.decode(in, maxDepth); // connection.tune-ok
            case 10 << 16 | 40 -> ConnectionMethod.Open.decode(in, maxDepth); // connection.open
            case 10 << 16 | 41 -> ConnectionMethod.OpenOk.decode(in, maxDepth); // connection.open-ok
            case 10 << 16 | 50 -> ConnectionMethod.Close.decode(in, maxDepth); // connection.close
            case 10 << 16 | 51 -> ConnectionMethod.CloseOk.decode(in, maxDepth); // connection.close-ok
            case 10 << 16 | 60 -> ConnectionMethod.Blocked.decode(in, maxDepth); // connection.blocked
            case 10 << 16 | 61 -> ConnectionMethod.Unblocked.decode(in, maxDepth); // connection.unblocked
            case 10 << 16 | 70 -> ConnectionMethod.UpdateSecret.decode(in, maxDepth); // connection.update-secret
            case 10 << 16 | 71 -> ConnectionMethod.UpdateSecretOk.decode(in, maxDepth); // connection.update-secret-ok
            case 20 << 16 | 10 -> ChannelMethod.Open.decode(in, maxDepth); // channel.open
            case 20 << 16 | 11 -> ChannelMethod.OpenOk.decode(in, maxDepth); // channel.open-ok
            case 20 << 16 | 20 -> ChannelMethod.Flow.decode(in, maxDepth); // channel.flow
            case 20 << 16 | 21 -> ChannelMethod.FlowOk.decode(in, maxDepth); // channel.flow-ok
            case 20 << 16 | 40 -> ChannelMethod.Close.decode(in, maxDepth); // channel.close
            case 20 << 16 | 41 -> ChannelMethod.CloseOk.decode(in, maxDepth); // channel.close-ok
            case 30 << 16 | 10 -> AccessMethod.Request.decode(in, maxDepth); // access.request
            case 30 << 16 | 11 -> AccessMethod.RequestOk.decode(in, maxDepth); // access.request-ok
            case 40 << 16 | 10 -> ExchangeMethod.Declare.decode(in, maxDepth); // exchange.declare
            case 40 << 16 | 11 -> ExchangeMethod.DeclareOk.decode(in, maxDepth); // exchange.declare-ok
            case 40 << 16 | 20 -> ExchangeMethod.Delete.decode(in, maxDepth); // exchange.delete
            case 40 << 16 | 21 -> ExchangeMethod.DeleteOk.decode(in, maxDepth); // exchange.delete-ok
            case 40 << 16 | 30 -> ExchangeMethod.Bind.decode(in, maxDepth); // exchange.bind
            case 40 << 16 | 31 -> ExchangeMethod.BindOk.decode(in, maxDepth); // exchange.bind-ok
            case 40 << 16 | 40 -> ExchangeMethod.Unbind.decode(in, maxDepth); // exchange.unbind
            case 40 << 16 | 51 -> ExchangeMethod.UnbindOk.decode(in, maxDepth); // exchange.unbind-ok
            case 50 << 16 | 10 -> QueueMethod.Declare.decode(in, maxDepth); // queue.declare
            case 50 << 16 | 11 -> QueueMethod.DeclareOk.decode(in, maxDepth); // queue.declare-ok
            case 50 << 16 | 20 -> QueueMethod.Bind.decode(in, maxDepth); // queue.bind
            case 50 << 16 | 21 -> QueueMethod.BindOk.decode(in, maxDepth); // queue.bind-ok
            case 50 << 16 | 30 -> QueueMethod.Purge.decode(in, maxDepth); // queue.purge
            case 50 << 16 | 31 -> QueueMethod.PurgeOk.decode(in, maxDepth); // queue.purge-ok
            case 50 << 16 | 40 -> QueueMethod.Delete.decode(in, maxDepth); // queue.delete
            case 50 << 16 | 41 -> QueueMethod.DeleteOk.decode(in, maxDepth); // queue.delete-ok
            case 50 << 16 | 50 -> QueueMethod.Unbind.decode(in, maxDepth); // queue.unbind
            case 50 << 16 | 51 -> QueueMethod.UnbindOk.decode(in, maxDepth); // queue.unbind-ok
            case 60 << 16 | 10 -> BasicMethod.Qos.decode(in, maxDepth); // basic.qos
            case 60 << 16 | 11 -> BasicMethod.QosOk.decode(in, maxDepth); // basic.qos-ok
            case 60 << 16 | 20 -> BasicMethod.Consume.decode(in, maxDepth); // basic.consume
            case 60 << 16 | 21 -> BasicMethod.ConsumeOk.decode(in, maxDepth); // basic.consume-ok
            case 60 << 16 | 30 -> BasicMethod.Cancel.decode(in, maxDepth); // basic.cancel
            case 60 << 16 | 31 -> BasicMethod.CancelOk.decode(in, maxDepth); // basic.cancel-ok
            case 60 << 16 | 40 -> BasicMethod.Publish.decode(in, maxDepth); // basic.publish
            case 60 << 16 | 50 -> BasicMethod.Return.decode(in, maxDepth); // basic.return
            case 60 << 16 | 60 -> BasicMethod.Deliver.decode(in, maxDepth); // basic.deliver
            case 60 << 16 | 70 -> BasicMethod.Get.decode(in, maxDepth); // basic.get
            case 60 << 16 | 71 -> BasicMethod.GetOk.decode(in, maxDepth); // basic.get-ok
            case 60 << 16 | 72 -> BasicMethod.GetEmpty.decode(in, maxDepth); // basic.get-empty
            case 60 << 16 | 80 -> BasicMethod.Ack.decode(in, maxDepth); // basic.ack
            case 60 << 16 | 90 -> BasicMethod.Reject.decode(in, maxDepth); // basic.reject
            case 60 << 16 | 100 -> BasicMethod.RecoverAsync.decode(in, maxDepth); // basic.recover-async
            case 60 << 16 | 110 -> BasicMethod.Recover.decode(in, maxDepth); // basic.recover
            case 60 << 16 | 111 -> BasicMethod.RecoverOk.decode(in, maxDepth); // basic.recover-ok
            case 60 << 16 | 120 -> BasicMethod.Nack.decode(in, maxDepth); // basic.nack
            case 85 << 16 | 10 -> ConfirmMethod.Select.decode(in, maxDepth); // confirm.select
            case 85 << 16 | 11 -> ConfirmMethod.SelectOk.decode(in, maxDepth); // confirm.select-ok
            case 90 << 16 | 10 -> TxMethod.Select.decode(in, maxDepth); // tx.select
            case 90 << 16 | 11 -> TxMethod.SelectOk.decode(in, maxDepth); // tx.select-ok
            case 90 << 16 | 20 -> TxMethod.Commit.decode(in, maxDepth); // tx.commit
            case 90 << 16 | 21 -> TxMethod.CommitOk.decode(in, maxDepth); // tx.commit-ok
            case 90 << 16 | 30 -> TxMethod.Rollback.decode(in, maxDepth); // tx.rollback
            case 90 << 16 | 31 -> TxMethod.RollbackOk.decode(in, maxDepth); // tx.rollback-ok
            default -> throw AmqpCodecException.commandInvalid("unknown method: class " + classId + ", method "
                    + methodId);
        };
    }
}
