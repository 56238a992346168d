package dev.warren.amqp.codec.method;

import dev.warren.amqp.codec.table.FieldTables;
import dev.warren.amqp.codec.table.LongString;
import dev.warren.amqp.codec.table.ShortStrings;
import io.netty.buffer.ByteBuf;

import java.util.Map;
import java.util.Objects;

/**
 * Methods of the connection class (10): the handshake, tuning, opening and closing a connection, flow control by
 * the broker.
 */
public sealed interface ConnectionMethod extends Method permits
        ConnectionMethod.Start,
        ConnectionMethod.StartOk,
        ConnectionMethod.Secure,
        ConnectionMethod.SecureOk,
        ConnectionMethod.Tune,
        ConnectionMethod.TuneOk,
        ConnectionMethod.Open,
        ConnectionMethod.OpenOk,
        ConnectionMethod.Close,
        ConnectionMethod.CloseOk,
        ConnectionMethod.Blocked,
        ConnectionMethod.Unblocked,
        ConnectionMethod.UpdateSecret,
        ConnectionMethod.UpdateSecretOk {

    /** connection.start: start connection negotiation. */
    record Start(
            int versionMajor,
            int versionMinor,
            Map<String, Object> serverProperties,
            LongString mechanisms,
            LongString locales) implements ConnectionMethod {
        public Start {
            MethodArguments.checkOctet(versionMajor, "version-major");
            MethodArguments.checkOctet(versionMinor, "version-minor");
            serverProperties = FieldTables.immutable(serverProperties);
            Objects.requireNonNull(mechanisms, "mechanisms");
            Objects.requireNonNull(locales, "locales");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_START;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeByte(versionMajor);
            out.writeByte(versionMinor);
            FieldTables.writeTable(out, serverProperties);
            ShortStrings.writeLong(out, mechanisms);
            ShortStrings.writeLong(out, locales);
        }

        static Start decode(ByteBuf in, int maxDepth) {
            int versionMajor = in.readUnsignedByte();
            int versionMinor = in.readUnsignedByte();
            Map<String, Object> serverProperties = FieldTables.readTable(in, maxDepth);
            LongString mechanisms = ShortStrings.readLong(in);
            LongString locales = ShortStrings.readLong(in);
            return new Start(versionMajor, versionMinor, serverProperties, mechanisms, locales);
        }
    }

    /** connection.start-ok: select security mechanism and locale. */
    record StartOk(
            Map<String, Object> clientProperties,
            String mechanism,
            LongString response,
            String locale) implements ConnectionMethod {
        public StartOk {
            clientProperties = FieldTables.immutable(clientProperties);
            ShortStrings.requireShortString(mechanism, "connection.start-ok mechanism");
            Objects.requireNonNull(response, "response");
            ShortStrings.requireShortString(locale, "connection.start-ok locale");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_START_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            FieldTables.writeTable(out, clientProperties);
            ShortStrings.write(out, mechanism);
            ShortStrings.writeLong(out, response);
            ShortStrings.write(out, locale);
        }

        static StartOk decode(ByteBuf in, int maxDepth) {
            Map<String, Object> clientProperties = FieldTables.readTable(in, maxDepth);
            String mechanism = ShortStrings.read(in);
            LongString response = ShortStrings.readLong(in);
            String locale = ShortStrings.read(in);
            return new StartOk(clientProperties, mechanism, response, locale);
        }
    }

    /** connection.secure: security mechanism challenge. */
    record Secure(LongString challenge) implements ConnectionMethod {
        public Secure {
            Objects.requireNonNull(challenge, "challenge");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_SECURE;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.writeLong(out, challenge);
        }

        static Secure decode(ByteBuf in, int maxDepth) {
            LongString challenge = ShortStrings.readLong(in);
            return new Secure(challenge);
        }
    }

    /** connection.secure-ok: security mechanism response. */
    record SecureOk(LongString response) implements ConnectionMethod {
        public SecureOk {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_SECURE_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.writeLong(out, response);
        }

        static SecureOk decode(ByteBuf in, int maxDepth) {
            LongString response = ShortStrings.readLong(in);
            return new SecureOk(response);
        }
    }

    /** connection.tune: propose connection tuning parameters. */
    record Tune(int channelMax, long frameMax, int heartbeat) implements ConnectionMethod {
        public Tune {
            MethodArguments.checkShort(channelMax, "channel-max");
            MethodArguments.checkUnsignedInt(frameMax, "frame-max");
            MethodArguments.checkShort(heartbeat, "heartbeat");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_TUNE;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(channelMax);
            out.writeInt((int) frameMax);
            out.writeShort(heartbeat);
        }

        static Tune decode(ByteBuf in, int maxDepth) {
            int channelMax = in.readUnsignedShort();
            long frameMax = in.readUnsignedInt();
            int heartbeat = in.readUnsignedShort();
            return new Tune(channelMax, frameMax, heartbeat);
        }
    }

    /** connection.tune-ok: negotiate connection tuning parameters. */
    record TuneOk(int channelMax, long frameMax, int heartbeat) implements ConnectionMethod {
        public TuneOk {
            MethodArguments.checkShort(channelMax, "channel-max");
            MethodArguments.checkUnsignedInt(frameMax, "frame-max");
            MethodArguments.checkShort(heartbeat, "heartbeat");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_TUNE_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(channelMax);
            out.writeInt((int) frameMax);
            out.writeShort(heartbeat);
        }

        static TuneOk decode(ByteBuf in, int maxDepth) {
            int channelMax = in.readUnsignedShort();
            long frameMax = in.readUnsignedInt();
            int heartbeat = in.readUnsignedShort();
            return new TuneOk(channelMax, frameMax, heartbeat);
        }
    }

    /** connection.open: open connection to virtual host. */
    record Open(String virtualHost) implements ConnectionMethod {
        public Open {
            ShortStrings.requireShortString(virtualHost, "connection.open virtual-host");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_OPEN;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.write(out, virtualHost);
            out.writeByte(0);
            out.writeByte(0);
        }

        static Open decode(ByteBuf in, int maxDepth) {
            String virtualHost = ShortStrings.read(in);
            ShortStrings.read(in);
            in.skipBytes(1);
            return new Open(virtualHost);
        }
    }

    /** connection.open-ok: signal that connection is ready. */
    record OpenOk() implements ConnectionMethod {
        /** The only value this record has. */
        public static final OpenOk INSTANCE = new OpenOk();

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_OPEN_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeByte(0);
        }

        static OpenOk decode(ByteBuf in, int maxDepth) {
            ShortStrings.read(in);
            return INSTANCE;
        }
    }

    /** connection.close: request a connection close. */
    record Close(int replyCode, String replyText, int classId, int methodId) implements ConnectionMethod {
        public Close {
            MethodArguments.checkShort(replyCode, "reply-code");
            ShortStrings.requireShortString(replyText, "connection.close reply-text");
            MethodArguments.checkShort(classId, "class-id");
            MethodArguments.checkShort(methodId, "method-id");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_CLOSE;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            out.writeShort(replyCode);
            ShortStrings.write(out, replyText);
            out.writeShort(classId);
            out.writeShort(methodId);
        }

        static Close decode(ByteBuf in, int maxDepth) {
            int replyCode = in.readUnsignedShort();
            String replyText = ShortStrings.read(in);
            int classId = in.readUnsignedShort();
            int methodId = in.readUnsignedShort();
            return new Close(replyCode, replyText, classId, methodId);
        }
    }

    /** connection.close-ok: confirm a connection close. */
    record CloseOk() implements ConnectionMethod {
        /** The only value this record has. */
        public static final CloseOk INSTANCE = new CloseOk();

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_CLOSE_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static CloseOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** connection.blocked: the broker stopped reading publishes on this connection (RabbitMQ extension). */
    record Blocked(String reason) implements ConnectionMethod {
        public Blocked {
            ShortStrings.requireShortString(reason, "connection.blocked reason");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_BLOCKED;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.write(out, reason);
        }

        static Blocked decode(ByteBuf in, int maxDepth) {
            String reason = ShortStrings.read(in);
            return new Blocked(reason);
        }
    }

    /** connection.unblocked: the broker reads publishes again (RabbitMQ extension). */
    record Unblocked() implements ConnectionMethod {
        /** The only value this record has. */
        public static final Unblocked INSTANCE = new Unblocked();

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_UNBLOCKED;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static Unblocked decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }

    /** connection.update-secret: update the secret (RabbitMQ extension). */
    record UpdateSecret(LongString newSecret, String reason) implements ConnectionMethod {
        public UpdateSecret {
            Objects.requireNonNull(newSecret, "new-secret");
            ShortStrings.requireShortString(reason, "connection.update-secret reason");
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_UPDATE_SECRET;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
            ShortStrings.writeLong(out, newSecret);
            ShortStrings.write(out, reason);
        }

        static UpdateSecret decode(ByteBuf in, int maxDepth) {
            LongString newSecret = ShortStrings.readLong(in);
            String reason = ShortStrings.read(in);
            return new UpdateSecret(newSecret, reason);
        }
    }

    /** connection.update-secret-ok: confirm a secret update (RabbitMQ extension). */
    record UpdateSecretOk() implements ConnectionMethod {
        /** The only value this record has. */
        public static final UpdateSecretOk INSTANCE = new UpdateSecretOk();

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_UPDATE_SECRET_OK;
        }

        @Override
        public void encodeArguments(ByteBuf out) {
        }

        static UpdateSecretOk decode(ByteBuf in, int maxDepth) {
            return INSTANCE;
        }
    }
}
