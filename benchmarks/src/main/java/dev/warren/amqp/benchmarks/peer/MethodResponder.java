package dev.warren.amqp.benchmarks.peer;

import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ChannelMethod;
import dev.warren.amqp.codec.method.ConfirmMethod;
import dev.warren.amqp.codec.method.ConnectionMethod;
import dev.warren.amqp.codec.method.ExchangeMethod;
import dev.warren.amqp.codec.method.Method;
import dev.warren.amqp.codec.method.QueueMethod;
import dev.warren.amqp.codec.method.TxMethod;

/**
 * Answers the methods a benchmark sends besides publishes and acks, the way a broker with nothing in it would:
 * every declaration succeeds, queues are empty, basic.get finds nothing. No-wait variants get no answer. A method
 * the peer has no use for closes the connection with 540 not-implemented.
 *
 * <p>Event loop only (called from {@link PeerConnection}).
 */
final class MethodResponder {

    private final PeerConnection connection;
    /** Null for a sink. */
    private final DeliverySource source;
    private final int messageSize;

    MethodResponder(PeerConnection connection, DeliverySource source, int messageSize) {
        this.connection = connection;
        this.source = source;
        this.messageSize = messageSize;
    }

    void answer(int channel, Method method) {
        switch (method.kind()) {
            case CONNECTION_START_OK -> connection.reply(0, Handshake.TUNE);
            case CONNECTION_TUNE_OK -> {
                ConnectionMethod.TuneOk tuneOk = (ConnectionMethod.TuneOk) method;
                connection.tuned(tuneOk.frameMax(), tuneOk.heartbeat());
            }
            case CONNECTION_OPEN -> connection.reply(0, ConnectionMethod.OpenOk.INSTANCE);
            case CONNECTION_CLOSE -> connection.closedByClient();
            case CHANNEL_OPEN -> {
                connection.openChannel(channel);
                connection.reply(channel, ChannelMethod.OpenOk.INSTANCE);
            }
            case CHANNEL_FLOW -> {
                connection.channel(channel);
                connection.reply(channel, new ChannelMethod.FlowOk(((ChannelMethod.Flow) method).active()));
            }
            case CHANNEL_CLOSE -> {
                connection.closeChannel(channel);
                connection.reply(channel, ChannelMethod.CloseOk.INSTANCE);
            }
            // The peer never closes a channel itself, so this can only answer nothing.
            case CHANNEL_CLOSE_OK -> { }
            case EXCHANGE_DECLARE -> replyUnlessNoWait(channel, ((ExchangeMethod.Declare) method).nowait(),
                    ExchangeMethod.DeclareOk.INSTANCE);
            case EXCHANGE_DELETE -> replyUnlessNoWait(channel, ((ExchangeMethod.Delete) method).nowait(),
                    ExchangeMethod.DeleteOk.INSTANCE);
            case EXCHANGE_BIND -> replyUnlessNoWait(channel, ((ExchangeMethod.Bind) method).nowait(),
                    ExchangeMethod.BindOk.INSTANCE);
            case EXCHANGE_UNBIND -> replyUnlessNoWait(channel, ((ExchangeMethod.Unbind) method).nowait(),
                    ExchangeMethod.UnbindOk.INSTANCE);
            case QUEUE_DECLARE -> {
                QueueMethod.Declare declare = (QueueMethod.Declare) method;
                String queue = declare.queue().isEmpty() ? connection.generateName("amq.gen-peer-") : declare.queue();
                replyUnlessNoWait(channel, declare.nowait(), new QueueMethod.DeclareOk(queue, 0, 0));
            }
            case QUEUE_BIND -> replyUnlessNoWait(channel, ((QueueMethod.Bind) method).nowait(),
                    QueueMethod.BindOk.INSTANCE);
            case QUEUE_UNBIND -> replyUnlessNoWait(channel, false, QueueMethod.UnbindOk.INSTANCE);
            case QUEUE_PURGE -> replyUnlessNoWait(channel, ((QueueMethod.Purge) method).nowait(),
                    new QueueMethod.PurgeOk(0));
            case QUEUE_DELETE -> replyUnlessNoWait(channel, ((QueueMethod.Delete) method).nowait(),
                    new QueueMethod.DeleteOk(0));
            case BASIC_QOS -> {
                connection.channel(channel).prefetchCount = ((BasicMethod.Qos) method).prefetchCount();
                connection.reply(channel, BasicMethod.QosOk.INSTANCE);
                if (source != null) {
                    // A larger prefetch count is more credit for consumers already waiting.
                    source.creditReleased();
                }
            }
            case BASIC_CONSUME -> consume(channel, (BasicMethod.Consume) method);
            case BASIC_CANCEL -> {
                BasicMethod.Cancel cancel = (BasicMethod.Cancel) method;
                PeerChannel open = connection.channel(channel);
                if (source != null) {
                    source.cancel(open, cancel.consumerTag());
                }
                replyUnlessNoWait(channel, cancel.nowait(), new BasicMethod.CancelOk(cancel.consumerTag()));
            }
            case BASIC_GET -> replyUnlessNoWait(channel, false, BasicMethod.GetEmpty.INSTANCE);
            case BASIC_RECOVER -> replyUnlessNoWait(channel, false, BasicMethod.RecoverOk.INSTANCE);
            case CONFIRM_SELECT -> {
                connection.channel(channel).confirmMode = true;
                replyUnlessNoWait(channel, ((ConfirmMethod.Select) method).nowait(), ConfirmMethod.SelectOk.INSTANCE);
            }
            case TX_SELECT -> replyUnlessNoWait(channel, false, TxMethod.SelectOk.INSTANCE);
            case TX_COMMIT -> replyUnlessNoWait(channel, false, TxMethod.CommitOk.INSTANCE);
            case TX_ROLLBACK -> replyUnlessNoWait(channel, false, TxMethod.RollbackOk.INSTANCE);
            default -> connection.notImplemented(method.kind());
        }
    }

    private void consume(int channel, BasicMethod.Consume consume) {
        PeerChannel open = connection.channel(channel);
        String tag = consume.consumerTag().isEmpty() ? connection.generateName("amq.ctag-peer-")
                : consume.consumerTag();
        replyUnlessNoWait(channel, consume.nowait(), new BasicMethod.ConsumeOk(tag));
        if (source != null) {
            source.add(new PeerConsumer(open, tag, consume.noAck(),
                    new DeliveryFrames(channel, tag, consume.queue(), messageSize, connection.frameMax())));
        }
    }

    /** Answers on an open channel, unless the client asked for no answer. */
    private void replyUnlessNoWait(int channel, boolean nowait, Method answer) {
        connection.channel(channel);
        if (!nowait) {
            connection.reply(channel, answer);
        }
    }
}
