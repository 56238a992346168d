package dev.warren.amqp.codec.method;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one table of facts about every AMQP 0-9-1 method Warren knows, RabbitMQ's extensions included: class id,
 * method id, name, whether it is synchronous (its sender waits for an answer), whether content follows it, and
 * which methods answer it.
 */
public enum MethodKind {
    /** connection.start: start connection negotiation. */
    CONNECTION_START(10, 10, "connection.start", true, false, "CONNECTION_START_OK"),
    /** connection.start-ok: select security mechanism and locale. */
    CONNECTION_START_OK(10, 11, "connection.start-ok", false, false),
    /** connection.secure: security mechanism challenge. */
    CONNECTION_SECURE(10, 20, "connection.secure", true, false, "CONNECTION_SECURE_OK"),
    /** connection.secure-ok: security mechanism response. */
    CONNECTION_SECURE_OK(10, 21, "connection.secure-ok", false, false),
    /** connection.tune: propose connection tuning parameters. */
    CONNECTION_TUNE(10, 30, "connection.tune", true, false, "CONNECTION_TUNE_OK"),
    /** connection.tune-ok: negotiate connection tuning parameters. */
    CONNECTION_TUNE_OK(10, 31, "connection.tune-ok", false, false),
    /** connection.open: open connection to virtual host. */
    CONNECTION_OPEN(10, 40, "connection.open", true, false, "CONNECTION_OPEN_OK"),
    /** connection.open-ok: signal that connection is ready. */
    CONNECTION_OPEN_OK(10, 41, "connection.open-ok", false, false),
    /** connection.close: request a connection close. */
    CONNECTION_CLOSE(10, 50, "connection.close", true, false, "CONNECTION_CLOSE_OK"),
    /** connection.close-ok: confirm a connection close. */
    CONNECTION_CLOSE_OK(10, 51, "connection.close-ok", false, false),
    /** connection.blocked: the broker stopped reading publishes on this connection (RabbitMQ extension). */
    CONNECTION_BLOCKED(10, 60, "connection.blocked", false, false),
    /** connection.unblocked: the broker reads publishes again (RabbitMQ extension). */
    CONNECTION_UNBLOCKED(10, 61, "connection.unblocked", false, false),
    /** connection.update-secret: update the secret (RabbitMQ extension). */
    CONNECTION_UPDATE_SECRET(10, 70, "connection.update-secret", true, false, "CONNECTION_UPDATE_SECRET_OK"),
    /** connection.update-secret-ok: confirm a secret update (RabbitMQ extension). */
    CONNECTION_UPDATE_SECRET_OK(10, 71, "connection.update-secret-ok", false, false),
    /** channel.open: open a channel for use. */
    CHANNEL_OPEN(20, 10, "channel.open", true, false, "CHANNEL_OPEN_OK"),
    /** channel.open-ok: signal that the channel is ready. */
    CHANNEL_OPEN_OK(20, 11, "channel.open-ok", false, false),
    /** channel.flow: enable/disable flow from peer. */
    CHANNEL_FLOW(20, 20, "channel.flow", true, false, "CHANNEL_FLOW_OK"),
    /** channel.flow-ok: confirm a flow method. */
    CHANNEL_FLOW_OK(20, 21, "channel.flow-ok", false, false),
    /** channel.close: request a channel close. */
    CHANNEL_CLOSE(20, 40, "channel.close", true, false, "CHANNEL_CLOSE_OK"),
    /** channel.close-ok: confirm a channel close. */
    CHANNEL_CLOSE_OK(20, 41, "channel.close-ok", false, false),
    /** access.request: request. */
    ACCESS_REQUEST(30, 10, "access.request", true, false, "ACCESS_REQUEST_OK"),
    /** access.request-ok: request-ok. */
    ACCESS_REQUEST_OK(30, 11, "access.request-ok", false, false),
    /** exchange.declare: verify exchange exists, create if needed. */
    EXCHANGE_DECLARE(40, 10, "exchange.declare", true, false, "EXCHANGE_DECLARE_OK"),
    /** exchange.declare-ok: confirm exchange declaration. */
    EXCHANGE_DECLARE_OK(40, 11, "exchange.declare-ok", false, false),
    /** exchange.delete: delete an exchange. */
    EXCHANGE_DELETE(40, 20, "exchange.delete", true, false, "EXCHANGE_DELETE_OK"),
    /** exchange.delete-ok: confirm deletion of an exchange. */
    EXCHANGE_DELETE_OK(40, 21, "exchange.delete-ok", false, false),
    /** exchange.bind: bind an exchange to an exchange (RabbitMQ extension). */
    EXCHANGE_BIND(40, 30, "exchange.bind", true, false, "EXCHANGE_BIND_OK"),
    /** exchange.bind-ok: confirm an exchange-to-exchange binding (RabbitMQ extension). */
    EXCHANGE_BIND_OK(40, 31, "exchange.bind-ok", false, false),
    /** exchange.unbind: unbind an exchange from an exchange (RabbitMQ extension). */
    EXCHANGE_UNBIND(40, 40, "exchange.unbind", true, false, "EXCHANGE_UNBIND_OK"),
    /** exchange.unbind-ok: confirm an exchange-to-exchange unbinding (RabbitMQ extension). */
    EXCHANGE_UNBIND_OK(40, 51, "exchange.unbind-ok", false, false),
    /** queue.declare: declare queue, create if needed. */
    QUEUE_DECLARE(50, 10, "queue.declare", true, false, "QUEUE_DECLARE_OK"),
    /** queue.declare-ok: confirms a queue definition. */
    QUEUE_DECLARE_OK(50, 11, "queue.declare-ok", false, false),
    /** queue.bind: bind queue to an exchange. */
    QUEUE_BIND(50, 20, "queue.bind", true, false, "QUEUE_BIND_OK"),
    /** queue.bind-ok: confirm bind successful. */
    QUEUE_BIND_OK(50, 21, "queue.bind-ok", false, false),
    /** queue.purge: purge a queue. */
    QUEUE_PURGE(50, 30, "queue.purge", true, false, "QUEUE_PURGE_OK"),
    /** queue.purge-ok: confirms a queue purge. */
    QUEUE_PURGE_OK(50, 31, "queue.purge-ok", false, false),
    /** queue.delete: delete a queue. */
    QUEUE_DELETE(50, 40, "queue.delete", true, false, "QUEUE_DELETE_OK"),
    /** queue.delete-ok: confirm deletion of a queue. */
    QUEUE_DELETE_OK(50, 41, "queue.delete-ok", false, false),
    /** queue.unbind: unbind a queue from an exchange. */
    QUEUE_UNBIND(50, 50, "queue.unbind", true, false, "QUEUE_UNBIND_OK"),
    /** queue.unbind-ok: confirm unbind successful. */
    QUEUE_UNBIND_OK(50, 51, "queue.unbind-ok", false, false),
    /** basic.qos: specify quality of service. */
    BASIC_QOS(60, 10, "basic.qos", true, false, "BASIC_QOS_OK"),
    /** basic.qos-ok: confirm the requested qos. */
    BASIC_QOS_OK(60, 11, "basic.qos-ok", false, false),
    /** basic.consume: start a queue consumer. */
    BASIC_CONSUME(60, 20, "basic.consume", true, false, "BASIC_CONSUME_OK"),
    /** basic.consume-ok: confirm a new consumer. */
    BASIC_CONSUME_OK(60, 21, "basic.consume-ok", false, false),
    /** basic.cancel: end a queue consumer. */
    BASIC_CANCEL(60, 30, "basic.cancel", true, false, "BASIC_CANCEL_OK"),
    /** basic.cancel-ok: confirm a cancelled consumer. */
    BASIC_CANCEL_OK(60, 31, "basic.cancel-ok", false, false),
    /** basic.publish: publish a message. */
    BASIC_PUBLISH(60, 40, "basic.publish", false, true),
    /** basic.return: return a failed message. */
    BASIC_RETURN(60, 50, "basic.return", false, true),
    /** basic.deliver: notify the client of a consumer message. */
    BASIC_DELIVER(60, 60, "basic.deliver", false, true),
    /** basic.get: direct access to a queue. */
    BASIC_GET(60, 70, "basic.get", true, false, "BASIC_GET_OK", "BASIC_GET_EMPTY"),
    /** basic.get-ok: provide client with a message. */
    BASIC_GET_OK(60, 71, "basic.get-ok", false, true),
    /** basic.get-empty: indicate no messages available. */
    BASIC_GET_EMPTY(60, 72, "basic.get-empty", false, false),
    /** basic.ack: acknowledge one or more messages. */
    BASIC_ACK(60, 80, "basic.ack", false, false),
    /** basic.reject: reject an incoming message. */
    BASIC_REJECT(60, 90, "basic.reject", false, false),
    /** basic.recover-async: redeliver unacknowledged messages. */
    BASIC_RECOVER_ASYNC(60, 100, "basic.recover-async", false, false),
    /** basic.recover: redeliver unacknowledged messages. */
    BASIC_RECOVER(60, 110, "basic.recover", true, false, "BASIC_RECOVER_OK"),
    /** basic.recover-ok: confirm recovery. */
    BASIC_RECOVER_OK(60, 111, "basic.recover-ok", false, false),
    /** basic.nack: reject one or more incoming messages, or a publish in confirm mode (RabbitMQ extension). */
    BASIC_NACK(60, 120, "basic.nack", false, false),
    /** confirm.select: put the channel in confirm mode (RabbitMQ extension). */
    CONFIRM_SELECT(85, 10, "confirm.select", true, false, "CONFIRM_SELECT_OK"),
    /** confirm.select-ok: confirm that the channel is in confirm mode (RabbitMQ extension). */
    CONFIRM_SELECT_OK(85, 11, "confirm.select-ok", false, false),
    /** tx.select: select standard transaction mode. */
    TX_SELECT(90, 10, "tx.select", true, false, "TX_SELECT_OK"),
    /** tx.select-ok: confirm transaction mode. */
    TX_SELECT_OK(90, 11, "tx.select-ok", false, false),
    /** tx.commit: commit the current transaction. */
    TX_COMMIT(90, 20, "tx.commit", true, false, "TX_COMMIT_OK"),
    /** tx.commit-ok: confirm a successful commit. */
    TX_COMMIT_OK(90, 21, "tx.commit-ok", false, false),
    /** tx.rollback: abandon the current transaction. */
    TX_ROLLBACK(90, 30, "tx.rollback", true, false, "TX_ROLLBACK_OK"),
    /** tx.rollback-ok: confirm successful rollback. */
    TX_ROLLBACK_OK(90, 31, "tx.rollback-ok", false, false);

    private final int classId;
    private final int methodId;
    private final String amqpName;
    private final boolean synchronous;
    private final boolean content;
    private final String[] responseNames;
    private Set<MethodKind> responses;

    MethodKind(int classId, int methodId, String amqpName, boolean synchronous, boolean content,
               String... responseNames) {
        this.classId = classId;
        this.methodId = methodId;
        this.amqpName = amqpName;
        this.synchronous = synchronous;
        this.content = content;
        this.responseNames = responseNames;
    }

    static {
        for (MethodKind kind : values()) {
            Set<MethodKind> answers = EnumSet.noneOf(MethodKind.class);
            for (String name : kind.responseNames) {
                answers.add(valueOf(name));
            }
            kind.responses = java.util.Collections.unmodifiableSet(answers);
        }
    }

    public int classId() {
        return classId;
    }

    public int methodId() {
        return methodId;
    }

    /** The specification's name, such as {@code basic.publish}. */
    public String amqpName() {
        return amqpName;
    }

    /** Whether the sender waits for one of {@link #responses()}. */
    public boolean isSynchronous() {
        return synchronous;
    }

    /** Whether a content header and body frames follow the method frame. */
    public boolean hasContent() {
        return content;
    }

    /** The methods that answer this one; empty for answers and asynchronous methods. */
    public Set<MethodKind> responses() {
        return responses;
    }

    /** Whether {@code answer} is one of this method's {@link #responses()}. */
    public boolean isAnsweredBy(MethodKind answer) {
        return responses.contains(answer);
    }

    /** The method with these ids, or {@code null} when the protocol defines none. */
    public static MethodKind of(int classId, int methodId) {
        return switch ((classId << 16) | methodId) {
            case 10 << 16 | 10 -> CONNECTION_START;
            case 10 << 16 | 11 -> CONNECTION_START_OK;
            case 10 << 16 | 20 -> CONNECTION_SECURE;
            case 10 << 16 | 21 -> CONNECTION_SECURE_OK;
            case 10 << 16 | 30 -> CONNECTION_TUNE;
            case 10 << 16 | 31 -> CONNECTION_TUNE_OK;
            case 10 << 16 | 40 -> CONNECTION_OPEN;
            case 10 << 16 | 41 -> CONNECTION_OPEN_OK;
            case 10 << 16 | 50 -> CONNECTION_CLOSE;
            case 10 << 16 | 51 -> CONNECTION_CLOSE_OK;
            case 10 << 16 | 60 -> CONNECTION_BLOCKED;
            case 10 << 16 | 61 -> CONNECTION_UNBLOCKED;
            case 10 << 16 | 70 -> CONNECTION_UPDATE_SECRET;
            case 10 << 16 | 71 -> CONNECTION_UPDATE_SECRET_OK;
            case 20 << 16 | 10 -> CHANNEL_OPEN;
            case 20 << 16 | 11 -> CHANNEL_OPEN_OK;
            case 20 << 16 | 20 -> CHANNEL_FLOW;
            case 20 << 16 | 21 -> CHANNEL_FLOW_OK;
            case 20 << 16 | 40 -> CHANNEL_CLOSE;
            case 20 << 16 | 41 -> CHANNEL_CLOSE_OK;
            case 30 << 16 | 10 -> ACCESS_REQUEST;
            case 30 << 16 | 11 -> ACCESS_REQUEST_OK;
            case 40 << 16 | 10 -> EXCHANGE_DECLARE;
            case 40 << 16 | 11 -> EXCHANGE_DECLARE_OK;
            case 40 << 16 | 20 -> EXCHANGE_DELETE;
            case 40 << 16 | 21 -> EXCHANGE_DELETE_OK;
            case 40 << 16 | 30 -> EXCHANGE_BIND;
            case 40 << 16 | 31 -> EXCHANGE_BIND_OK;
            case 40 << 16 | 40 -> EXCHANGE_UNBIND;
            case 40 << 16 | 51 -> EXCHANGE_UNBIND_OK;
            case 50 << 16 | 10 -> QUEUE_DECLARE;
            case 50 << 16 | 11 -> QUEUE_DECLARE_OK;
            case 50 << 16 | 20 -> QUEUE_BIND;
            case 50 << 16 | 21 -> QUEUE_BIND_OK;
            case 50 << 16 | 30 -> QUEUE_PURGE;
            case 50 << 16 | 31 -> QUEUE_PURGE_OK;
            case 50 << 16 | 40 -> QUEUE_DELETE;
            case 50 << 16 | 41 -> QUEUE_DELETE_OK;
            case 50 << 16 | 50 -> QUEUE_UNBIND;
            case 50 << 16 | 51 -> QUEUE_UNBIND_OK;
            case 60 << 16 | 10 -> BASIC_QOS;
            case 60 << 16 | 11 -> BASIC_QOS_OK;
            case 60 << 16 | 20 -> BASIC_CONSUME;
            case 60 << 16 | 21 -> BASIC_CONSUME_OK;
            case 60 << 16 | 30 -> BASIC_CANCEL;
            case 60 << 16 | 31 -> BASIC_CANCEL_OK;
            case 60 << 16 | 40 -> BASIC_PUBLISH;
            case 60 << 16 | 50 -> BASIC_RETURN;
            case 60 << 16 | 60 -> BASIC_DELIVER;
            case 60 << 16 | 70 -> BASIC_GET;
            case 60 << 16 | 71 -> BASIC_GET_OK;
            case 60 << 16 | 72 -> BASIC_GET_EMPTY;
            case 60 << 16 | 80 -> BASIC_ACK;
            case 60 << 16 | 90 -> BASIC_REJECT;
            case 60 << 16 | 100 -> BASIC_RECOVER_ASYNC;
            case 60 << 16 | 110 -> BASIC_RECOVER;
            case 60 << 16 | 111 -> BASIC_RECOVER_OK;
            case 60 << 16 | 120 -> BASIC_NACK;
            case 85 << 16 | 10 -> CONFIRM_SELECT;
            case 85 << 16 | 11 -> CONFIRM_SELECT_OK;
            case 90 << 16 | 10 -> TX_SELECT;
            case 90 << 16 | 11 -> TX_SELECT_OK;
            case 90 << 16 | 20 -> TX_COMMIT;
            case 90 << 16 | 21 -> TX_COMMIT_OK;
            case 90 << 16 | 30 -> TX_ROLLBACK;
            case 90 << 16 | 31 -> TX_ROLLBACK_OK;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return amqpName;
    }
}
