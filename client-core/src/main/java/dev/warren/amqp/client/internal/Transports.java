package dev.warren.amqp.client.internal;

import dev.warren.amqp.client.AmqpException;
import dev.warren.amqp.client.spi.Transport;
import dev.warren.amqp.client.spi.TransportProvider;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Iterator;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The transports Warren knows: NIO, and whatever {@link TransportProvider}s the class path holds. */
public final class Transports {

    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private static volatile List<Transport> all;

    private Transports() {
    }

    /** Every known transport, highest priority first, available or not. */
    public static List<Transport> all() {
        List<Transport> result = all;
        if (result == null) {
            List<Transport> found = new ArrayList<>();
            found.add(NioTransport.INSTANCE);
            Iterator<TransportProvider> providers = ServiceLoader.load(TransportProvider.class,
                    Transports.class.getClassLoader()).iterator();
            while (true) {
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    found.addAll(providers.next().transports());
                } catch (ServiceConfigurationError | LinkageError e) {
                    // A provider whose classes are missing (say, Netty's epoll classes left off the class path)
                    // must not take NIO down with it.
                    LOG.warn("Ignoring a Warren transport provider that cannot load: {}", e.toString());
                }
            }
            found.sort(Comparator.comparingInt(Transport::priority).reversed());
            result = List.copyOf(found);
            all = result;
        }
        return result;
    }

    /**
     * The transport named {@code name}, or the available one with the highest priority when {@code name} is null.
     *
     * @throws AmqpException when the name is unknown or the transport cannot run here, with its cause
     */
    public static Transport select(String name) {
        if (name == null) {
            for (Transport transport : all()) {
                if (transport.isAvailable()) {
                    return transport;
                }
            }
            return NioTransport.INSTANCE;
        }
        String wanted = name.toLowerCase(Locale.ROOT).replace('-', '_');
        for (Transport transport : all()) {
            if (transport.name().equals(wanted)) {
                if (!transport.isAvailable()) {
                    throw new AmqpException("transport " + transport.name() + " is not available here: "
                            + transport.unavailabilityCause(), transport.unavailabilityCause());
                }
                return transport;
            }
        }
        throw new AmqpException("unknown transport '" + name + "'; known: " + all().stream().map(Transport::name)
                .toList() + (wanted.equals("epoll") || wanted.equals("io_uring")
                ? " (add dev.warren:warren-client-epoll to the class path for " + wanted + ")" : ""));
    }

    /**
     * The transport whose channels run on {@code group}; when {@code name} is given, it must be that one.
     *
     * @throws AmqpException when no known transport fits the group, or the named one does not
     */
    public static Transport forGroup(EventLoopGroup group, String name) {
        if (name != null) {
            Transport named = select(name);
            if (!named.isCompatible(group)) {
                throw new AmqpException("the event-loop group " + group.getClass().getName()
                        + " cannot run channels of the " + named.name() + " transport" + kindOf(group)
                        + "; pass a group made with Transport.newEventLoopGroup of " + named.name()
                        + ", or leave the transport unnamed");
            }
            return named;
        }
        for (Transport transport : all()) {
            if (transport.isAvailable() && transport.isCompatible(group)) {
                return transport;
            }
        }
        throw new AmqpException("no transport Warren knows can run on the event-loop group "
                + group.getClass().getName() + kindOf(group) + "; known: "
                + all().stream().map(t -> t.name() + (t.isAvailable() ? "" : " (unavailable)")).toList()
                + "; a group must be a MultiThreadIoEventLoopGroup of NioIoHandler, EpollIoHandler or "
                + "IoUringIoHandler");
    }

    /** Which transport's group {@code group} is, in words, when a known one fits it. */
    private static String kindOf(EventLoopGroup group) {
        for (Transport transport : all()) {
            if (transport.isAvailable() && transport.isCompatible(group)) {
                return " (it is a group for " + transport.name() + ")";
            }
        }
        return "";
    }
}
