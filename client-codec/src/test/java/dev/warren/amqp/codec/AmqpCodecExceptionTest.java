package dev.warren.amqp.codec;

import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AmqpCodecExceptionTest {

    @Test
    void eachFactoryCarriesItsReplyCodeAndNamesItInTheMessage() {
        assertThat(AmqpCodecException.frameError("x").replyCode()).isEqualTo(501);
        assertThat(AmqpCodecException.syntaxError("x").replyCode()).isEqualTo(502);
        assertThat(AmqpCodecException.commandInvalid("x").replyCode()).isEqualTo(503);
        assertThat(AmqpCodecException.unexpectedFrame("x").replyCode()).isEqualTo(505);
        assertThat(AmqpCodecException.syntaxError("bad table")).hasMessage("502 SYNTAX_ERROR: bad table");
    }

    @Test
    void itIsADecoderExceptionSoNettyPassesItOnUnwrapped() {
        assertThat(AmqpCodecException.frameError("x")).isInstanceOf(DecoderException.class);
    }

    @Test
    void replyCodesHaveTheirSpecificationNamesAndSeverity() {
        assertThat(ReplyCode.name(ReplyCode.UNEXPECTED_FRAME)).isEqualTo("UNEXPECTED_FRAME");
        assertThat(ReplyCode.name(999)).isEqualTo("UNKNOWN");
        assertThat(ReplyCode.isHardError(ReplyCode.FRAME_ERROR)).isTrue();
        assertThat(ReplyCode.isHardError(ReplyCode.CONNECTION_FORCED)).isTrue();
        assertThat(ReplyCode.isHardError(ReplyCode.INVALID_PATH)).isTrue();
        assertThat(ReplyCode.isHardError(ReplyCode.NOT_FOUND)).isFalse();
        assertThat(ReplyCode.isHardError(ReplyCode.PRECONDITION_FAILED)).isFalse();
        assertThat(ReplyCode.isHardError(ReplyCode.CONTENT_TOO_LARGE)).isFalse();
    }
}
