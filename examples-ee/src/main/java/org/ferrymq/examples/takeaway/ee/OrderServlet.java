package org.ferrymq.examples.takeaway.ee;

import java.io.IOException;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The customer's side over HTTP:
 * <ul>
 * <li>{@code POST /orders?city=beijing&dish=dumplings}: places an order; 202 and {@code {"id":"..."}};</li>
 * <li>{@code GET /orders/<id>}: the order and what the restaurant and the rider have done, as JSON; 404 if unknown.</li>
 * </ul>
 */
@WebServlet("/orders/*")
public class OrderServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private OrderDesk desk;

    @EJB
    private OrderStore store;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String city = req.getParameter("city");
        String dish = req.getParameter("dish");
        if (city == null || !city.matches("[a-z]+") || dish == null || dish.isBlank()) {
            resp.sendError(400, "city (lower-case letters) and dish are required");
            return;
        }
        String id = desk.place(city, dish);
        resp.setStatus(202);
        resp.setContentType("application/json");
        resp.getWriter().print("{\"id\":\"" + id + "\"}");
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        Optional<Order> order = path == null || path.length() < 2 ? Optional.empty() : store.find(path.substring(1));
        if (order.isEmpty()) {
            resp.sendError(404, "no such order");
            return;
        }
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().print(order.get().toJson());
    }
}
