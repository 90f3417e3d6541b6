package org.ferrymq.ra.it.payara;

import java.io.IOException;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /xa-send?queue=q&text=t&rollback=true|false}: calls {@link XaSenderBean} (its own JTA
 * transaction) and answers "done". Runs on the servlet container's request threads.
 */
@WebServlet("/xa-send")
public class XaSendServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private XaSenderBean sender;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        sender.sendAndInsert(req.getParameter("queue"), req.getParameter("text"), Boolean.parseBoolean(req.getParameter("rollback")));
        resp.setContentType("text/plain");
        resp.getWriter().println("done");
    }
}
