package org.ferrymq.ra.it.xasend;

import java.io.IOException;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /xa?factory=xa&queue=q&key=k&outcome=commit} calls {@link XaSenderBean} and answers
 * {@code committed} or {@code rolled back: <reason>}; {@code /xa?rows=k} answers the rows of key k.
 */
@WebServlet("/xa")
public class XaSendServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private XaSenderBean bean;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        bean.createTable();
        if (req.getParameter("rows") != null) {
            resp.getWriter().print(bean.rows(req.getParameter("rows")));
            return;
        }
        String answer;
        try {
            bean.insertAndSend(req.getParameter("factory"), req.getParameter("queue"), req.getParameter("key"), req.getParameter("outcome"));
            answer = "returned";
        } catch (EJBException e) {
            answer = "rolled back: " + e.getMessage();
        }
        resp.getWriter().print(answer);
    }
}
