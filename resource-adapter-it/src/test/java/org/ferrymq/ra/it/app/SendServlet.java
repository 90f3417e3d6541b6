package org.ferrymq.ra.it.app;

import java.io.IOException;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends with the adapter's pooled factory: {@code /send?queue=orders&n=10&prop=region&value=eu&sleepMs=300};
 * {@code topic=} instead of {@code queue=} publishes to a topic.
 */
@WebServlet("/send")
public class SendServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:/jms/ferrymq/CF")
    private ConnectionFactory factory;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int n = Integer.parseInt(req.getParameter("n") == null ? "1" : req.getParameter("n"));
        try (JMSContext ctx = factory.createContext()) {
            var destination = req.getParameter("topic") != null ? ctx.createTopic(req.getParameter("topic"))
                    : ctx.createQueue(req.getParameter("queue"));
            for (int i = 0; i < n; i++) {
                JMSProducer p = ctx.createProducer();
                if (req.getParameter("prop") != null) {
                    p.setProperty(req.getParameter("prop"), req.getParameter("value"));
                }
                if (req.getParameter("sleepMs") != null) {
                    p.setProperty("sleepMs", Long.parseLong(req.getParameter("sleepMs")));
                }
                if (req.getParameter("fail") != null) {
                    p.setProperty("fail", true);
                }
                p.send(destination, (req.getParameter("text") != null ? req.getParameter("text") : "servlet") + "-" + i);
            }
        }
        resp.setContentType("text/plain");
        resp.getWriter().println("sent " + n);
    }
}
