package dev.warren.amqp.codec.frame;

import dev.warren.amqp.codec.content.BasicProperties;
import dev.warren.amqp.codec.content.ContentHeader;
import dev.warren.amqp.codec.method.BasicMethod;
import dev.warren.amqp.codec.method.ChannelMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTest {

    private static final BasicMethod.Publish PUBLISH = new BasicMethod.Publish("", "q", false, false);

    @Test
    void aCommandHasAHeaderAndABodyOrNeither() {
        assertThatThrownBy(() -> new Command(1, PUBLISH, ContentHeader.basic(0, BasicProperties.EMPTY), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Command(1, PUBLISH, null, Unpooled.EMPTY_BUFFER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.of(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void channelNumbersAre0To65535() {
        assertThatThrownBy(() -> Command.of(-1, ChannelMethod.OpenOk.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> Command.of(65536, ChannelMethod.OpenOk.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MethodFrame(65536, ChannelMethod.OpenOk.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentBodyFrame(-1, Unpooled.EMPTY_BUFFER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Command.of(65535, ChannelMethod.OpenOk.INSTANCE).channel()).isEqualTo(65535);
    }

    @Test
    void aCommandWithoutContentHoldsNoBufferAndReleasingItDoesNothing() {
        Command command = Command.of(1, ChannelMethod.OpenOk.INSTANCE);
        assertThat(command.hasContent()).isFalse();
        assertThat(command.refCnt()).isEqualTo(1);
        assertThat(command.release()).isFalse();
        assertThat(command.retain().touch("x").refCnt()).isEqualTo(1);
    }

    @Test
    void retainingAndReleasingACommandCountsOnItsBody() {
        ByteBuf body = Unpooled.buffer(4).writeInt(7);
        Command command = new Command(1, PUBLISH, ContentHeader.basic(4, BasicProperties.EMPTY), body);
        assertThat(command.retain(2).refCnt()).isEqualTo(3);
        assertThat(command.release(2)).isFalse();
        assertThat(command.toString()).contains("Publish", "body=4 bytes");
        assertThat(command.release()).isTrue();
        assertThat(body.refCnt()).isZero();
    }
}
