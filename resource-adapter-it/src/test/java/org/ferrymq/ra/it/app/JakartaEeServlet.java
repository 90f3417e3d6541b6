package org.ferrymq.ra.it.app;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Jakarta EE ways of getting FerryMQ resources without server configuration:
 * a connection factory and a queue defined by annotations naming the adapter, and a
 * container-managed {@code JMSContext} injected from the adapter's pooled factory.
 * <ul>
 * <li>{@code /ee?via=defined&op=send&n=3&text=x}: sends to the defined queue with the defined factory;</li>
 * <li>{@code /ee?via=inject&op=send&queue=q&n=3&text=x}: sends with the injected context;</li>
 * <li>{@code op=receive&n=3} (either way): receives up to n messages and prints one body a line.</li>
 * </ul>
 * Runs on the servlet container's request threads.
 */
@JMSConnectionFactoryDefinition(
        name = "java:app/jms/FerryDefinedCF",
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = "ferrymq-ra",
        // WildFly starts the definition as its own instance of the adapter, with the .rar's defaults:
        // name the broker (here a server system property, with the ee subsystem's annotation-property-replacement on)
        properties = "BrokerURI=${ferrymq.it.broker.uri}",
        maxPoolSize = 5,
        minPoolSize = 0)
@JMSDestinationDefinition(
        name = "java:app/jms/FerryDefinedQueue",
        interfaceName = "jakarta.jms.Queue",
        className = "org.ferrymq.ra.admin.FerryAdminQueue",
        resourceAdapter = "ferrymq-ra",
        destinationName = "it.ee.defined",
        // WildFly hands only these properties to an adapter's admin object (destinationName is Artemis's)
        properties = "Name=it.ee.defined")
@WebServlet("/ee")
public class JakartaEeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:app/jms/FerryDefinedCF")
    private ConnectionFactory definedFactory;

    @Resource(lookup = "java:app/jms/FerryDefinedQueue")
    private Queue definedQueue;

    @Inject
    @JMSConnectionFactory("java:/jms/ferrymq/CF")
    private JMSContext injected;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int n = Integer.parseInt(req.getParameter("n") == null ? "1" : req.getParameter("n"));
        boolean defined = "defined".equals(req.getParameter("via"));
        resp.setContentType("text/plain");
        PrintWriter out = resp.getWriter();
        if (defined) {
            try (JMSContext ctx = definedFactory.createContext()) {
                run(ctx, definedQueue, req, n, out);
            }
        } else {
            run(injected, injected.createQueue(req.getParameter("queue")), req, n, out);
        }
    }

    private static void run(JMSContext ctx, Destination destination, HttpServletRequest req, int n, PrintWriter out) {
        if ("receive".equals(req.getParameter("op"))) {
            try (JMSConsumer consumer = ctx.createConsumer(destination)) {
                for (int i = 0; i < n; i++) {
                    String body = consumer.receiveBody(String.class, 10_000);
                    if (body == null) {
                        break;
                    }
                    out.println(body);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                ctx.createProducer().send(destination, req.getParameter("text") + "-" + i);
            }
            out.println("sent " + n);
        }
    }
}
