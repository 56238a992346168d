package dev.warren.amqp.codec.method;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.warren.amqp.codec.method.MethodKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MethodKindTest {

    private static final Map<String, Integer> CLASS_IDS = Map.of("connection", 10, "channel", 20, "access", 30,
            "exchange", 40, "queue", 50, "basic", 60, "confirm", 85, "tx", 90);

    /** The synchronous methods of the specification (and RabbitMQ's extensions). */
    private static final Set<MethodKind> SYNCHRONOUS = EnumSet.of(CONNECTION_START, CONNECTION_SECURE,
            CONNECTION_TUNE, CONNECTION_OPEN, CONNECTION_CLOSE, CONNECTION_UPDATE_SECRET, CHANNEL_OPEN, CHANNEL_FLOW,
            CHANNEL_CLOSE, ACCESS_REQUEST, EXCHANGE_DECLARE, EXCHANGE_DELETE, EXCHANGE_BIND, EXCHANGE_UNBIND,
            QUEUE_DECLARE, QUEUE_BIND, QUEUE_PURGE, QUEUE_DELETE, QUEUE_UNBIND, BASIC_QOS, BASIC_CONSUME,
            BASIC_CANCEL, BASIC_GET, BASIC_RECOVER, CONFIRM_SELECT, TX_SELECT, TX_COMMIT, TX_ROLLBACK);

    @Test
    void thereAre66MethodsAndOfFindsEachByItsIds() {
        assertThat(MethodKind.values()).hasSize(66);
        for (MethodKind kind : MethodKind.values()) {
            assertThat(MethodKind.of(kind.classId(), kind.methodId())).isSameAs(kind);
        }
    }

    @Test
    void ofGivesNullForIdsTheProtocolDoesNotDefine() {
        assertThat(MethodKind.of(0, 0)).isNull();
        assertThat(MethodKind.of(10, 12)).isNull();
        assertThat(MethodKind.of(40, 41)).isNull();
        assertThat(MethodKind.of(60, 130)).isNull();
        assertThat(MethodKind.of(65535, 65535)).isNull();
        assertThat(MethodKind.of(11, 10)).isNull();
    }

    @Test
    void namesMatchTheClassIds() {
        for (MethodKind kind : MethodKind.values()) {
            String className = kind.amqpName().substring(0, kind.amqpName().indexOf('.'));
            assertThat(CLASS_IDS.get(className)).as("%s", kind).isEqualTo(kind.classId());
            assertThat(kind.toString()).isEqualTo(kind.amqpName());
        }
    }

    @Test
    void exactlyPublishReturnDeliverAndGetOkCarryContent() {
        assertThat(Stream.of(MethodKind.values()).filter(MethodKind::hasContent).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(BASIC_PUBLISH, BASIC_RETURN, BASIC_DELIVER, BASIC_GET_OK);
    }

    @Test
    void synchronousMethodsAreThoseOfTheSpecificationAndOnlyTheyHaveResponses() {
        for (MethodKind kind : MethodKind.values()) {
            assertThat(kind.isSynchronous()).as("%s", kind).isEqualTo(SYNCHRONOUS.contains(kind));
            assertThat(kind.responses().isEmpty()).as("%s", kind).isEqualTo(!kind.isSynchronous());
            for (MethodKind response : kind.responses()) {
                assertThat(response.classId()).isEqualTo(kind.classId());
                assertThat(response.isSynchronous()).isFalse();
            }
        }
    }

    @Test
    void eachRequestIsAnsweredByItsOkAndBasicGetAlsoByGetEmpty() {
        for (MethodKind kind : SYNCHRONOUS) {
            if (kind != BASIC_GET) {
                assertThat(kind.responses()).as("%s", kind).singleElement()
                        .extracting(MethodKind::amqpName).isEqualTo(kind.amqpName() + "-ok");
            }
        }
        assertThat(BASIC_GET.responses()).containsExactlyInAnyOrder(BASIC_GET_OK, BASIC_GET_EMPTY);
        assertThat(BASIC_GET.isAnsweredBy(BASIC_GET_EMPTY)).isTrue();
        assertThat(BASIC_GET.isAnsweredBy(BASIC_DELIVER)).isFalse();
        assertThatThrownBy(() -> BASIC_GET.responses().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsDelegateTheirFactsToTheirKind() {
        Method publish = new BasicMethod.Publish("", "q", false, false);
        assertThat(publish.kind().classId()).isEqualTo(60);
        assertThat(publish.kind().methodId()).isEqualTo(40);
        assertThat(publish.hasContent()).isTrue();
        assertThat(publish.isSynchronous()).isFalse();
        // connection.close's class-id and method-id arguments name the method it blames, not itself.
        ConnectionMethod.Close close = new ConnectionMethod.Close(320, "forced", 60, 40);
        assertThat(close.kind().classId()).isEqualTo(10);
        assertThat(close.kind().methodId()).isEqualTo(50);
        assertThat(close.classId()).isEqualTo(60);
        assertThat(close.methodId()).isEqualTo(40);
    }
}
