package nl.switchboard.ops;

import ch.qos.logback.classic.spi.IThrowableProxy;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** The %wEx of the log pattern (an exception and its stack) with secrets masked (logback-spring.xml). */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return SecretMasking.mask(super.throwableProxyToString(throwable));
    }
}
