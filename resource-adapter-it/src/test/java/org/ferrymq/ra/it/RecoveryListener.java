package org.ferrymq.ra.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Narayana's recovery listener socket (enabled by configure-server.cli): one recovery pass on demand instead of every 2 minutes. */
public final class RecoveryListener {
    private RecoveryListener() {
    }

    /** One pass of the Arquillian-managed WildFly's recovery manager. */
    public static void scan() {
        scan(4712 + Integer.getInteger("wildfly.port.offset"));
    }

    /** One pass of the recovery manager listening on {@code port}; returns when the pass is done (a failure is printed, not thrown). */
    public static void scan(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println("SCAN");
            new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            System.out.println("recovery scan: " + e);
        }
    }
}
