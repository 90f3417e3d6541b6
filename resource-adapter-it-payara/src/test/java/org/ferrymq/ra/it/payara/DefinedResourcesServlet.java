package org.ferrymq.ra.it.payara;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
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
 * FerryMQ resources defined by the application in Payara, no asadmin command beyond the adapter's
 * install: a connection factory and a queue by annotation naming the adapter. In Payara the
 * definition becomes a pool of the deployed adapter, so it takes the adapter's broker (no
 * {@code BrokerURI} property needed, unlike WildFly).
 * <ul>
 * <li>{@code /defined?op=send&n=3&text=x}: sends n messages to the defined queue with the defined factory;</li>
 * <li>{@code /defined?op=receive&n=3}: receives up to n and prints one body a line.</li>
 * </ul>
 * Runs on the servlet container's request threads.
 */
@JMSConnectionFactoryDefinition(
        name = "java:app/jms/PayaraDefinedCF",
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = "ferrymq-ra",
        maxPoolSize = 5,
        minPoolSize = 0)
@JMSDestinationDefinition(
        name = "java:app/jms/PayaraDefinedQueue",
        interfaceName = "jakarta.jms.Queue",
        className = "org.ferrymq.ra.admin.FerryAdminQueue",
        resourceAdapter = "ferrymq-ra",
        destinationName = "it.payara.defined")
@WebServlet("/defined")
public class DefinedResourcesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:app/jms/PayaraDefinedCF")
    private ConnectionFactory factory;

    @Resource(lookup = "java:app/jms/PayaraDefinedQueue")
    private Queue queue;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int n = Integer.parseInt(req.getParameter("n") == null ? "1" : req.getParameter("n"));
        resp.setContentType("text/plain");
        PrintWriter out = resp.getWriter();
        try (JMSContext ctx = factory.createContext()) {
            if ("receive".equals(req.getParameter("op"))) {
                try (JMSConsumer consumer = ctx.createConsumer(queue)) {
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
                    ctx.createProducer().send(queue, req.getParameter("text") + "-" + i);
                }
                out.println("sent " + n + " to " + queue);
            }
        }
    }
}
