package org.ferrymq.jms.it.xa;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import org.ferrymq.jms.FerryConnectionFactory;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The application of the XA crash tests, in a JVM of its own so the test can SIGKILL it: Narayana
 * (its log in {@code storeDir}) drives FerryMQ (over amqp://) and an H2 file database; each
 * transaction consumes one message and inserts one row named after it. On start, Narayana's
 * recovery (with a recovery helper for each resource) finishes what a killed run left prepared.
 *
 * <p>{@code CrashWorkerMain <brokerPort> <dbUrl> <storeDir> <stopFile> <trap> <trapAt>}: trap
 * {@code halt} halts the JVM after every branch of transaction {@code trapAt} is prepared (before
 * any commit); {@code announce} prints {@code PREPARED} there and waits 5 s so the test can kill
 * the broker; {@code none} does neither. The worker exits once {@code stopFile} exists and the
 * queue gave nothing for a second.
 */
public final class CrashWorkerMain {
    static final String QUEUE = "xa-crash-in";
    private static final int THREADS = 4;
    /** The names Narayana logs for each resource manager (an application server would use JNDI names). */
    private static final String BROKER_NAME = "java:/ferrymq-xa";
    private static final String DB_NAME = "java:/h2-xa";

    private CrashWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        NamedXAResource.tellCalls = true;
        String uri = "amqp://guest:guest@127.0.0.1:" + args[0];
        JdbcDataSource db = XaTestSupport.database(args[1]);
        Path stopFile = Path.of(args[3]);
        String trap = args[4];
        int trapAt = Integer.parseInt(args[5]);
        recoveryPropertyManager.getRecoveryEnvironmentBean().setPeriodicRecoveryPeriod(1);
        recoveryPropertyManager.getRecoveryEnvironmentBean().setRecoveryBackoffPeriod(1);
        jtaPropertyManager.getJTAEnvironmentBean().setXaRecoveryNodes(List.of("crash-worker"));
        jtaPropertyManager.getJTAEnvironmentBean().setOrphanSafetyInterval(2000);
        // no xaAssumeRecoveryComplete: while the broker is down its recovery helper lists nothing, and
        // assuming completion then would forget a logged commit (the branch later presumed aborted).
        // Named resources (NamedXAResource), their names logged with each record (NamedRecordsPlugin),
        // let Narayana tell "finished" (a resource of that name answered recover without it) from
        // "not reachable".
        jtaPropertyManager.getJTAEnvironmentBean().setXAResourceRecordWrappingPlugin(new NamedRecordsPlugin());
        TransactionManager tm = Narayana.configure(Path.of(args[2]), "crash-worker");
        // no automatic recovery: a thread whose connection died opens a new one itself
        FerryConnectionFactory factory = new FerryConnectionFactory(org.ferrymq.jms.FerryJmsConfig.builder().brokerUri(uri)
                .confirmTimeout(java.time.Duration.ofSeconds(5)).automaticRecovery(false).build());

        // the background recovery thread scans as soon as it starts, and scan() only waits for a scan
        // in progress: started before both helpers are registered, that scan sees the broker's branches
        // but not H2's (opening the database takes a while), so the scan before STARTED may finish
        // nothing (with xaAssumeRecoveryComplete it dropped a logged commit's H2 branch, which was
        // then presumed aborted: the 993 rows of a CI run). Register first, as an application server does.
        RecoveryManager.delayRecoveryManagerThread();
        RecoveryManager recovery = RecoveryManager.manager();
        XARecoveryModule xaRecovery = XARecoveryModule.getRegisteredXARecoveryModule();
        BrokerRecoveryHelper brokerRecovery = new BrokerRecoveryHelper(factory);
        xaRecovery.addXAResourceRecoveryHelper(brokerRecovery);
        javax.sql.XAConnection dbRecovery = db.getXAConnection();
        xaRecovery.addXAResourceRecoveryHelper(new XAResourceRecoveryHelper() {
            @Override public boolean initialise(String p) { return true; }
            @Override public XAResource[] getXAResources() { try { return new XAResource[] {new NamedXAResource(dbRecovery.getXAResource(), DB_NAME)}; } catch (Exception e) { return new XAResource[0]; } }
        });
        recovery.scan();   // finishes what a killed run left in doubt before new work starts
        recovery.startRecoveryManagerThread();
        System.out.println("STARTED");
        System.out.flush();

        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        // The consumers stop once the queue stays empty after the test asked them to; a message a
        // branch left in doubt by a kill is not in the queue then. Settling rolls such a branch back
        // and its message returns to the queue: consume again, until a round takes nothing.
        int before;
        String firstTrap = trap;
        do {
            before = done.get();
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String threadTrap = t == 0 ? firstTrap : "none";
                Thread thread = new Thread(() -> consume(factory, tm, db, stopFile, threadTrap, trapAt, done), "crash-worker-" + t);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            settle(recovery, brokerRecovery, dbRecovery, Path.of(args[2]));
            firstTrap = "none";   // a trap fires once per run
        } while (done.get() != before);
        System.out.println("DONE " + done.get());
        System.out.flush();
        Runtime.getRuntime().halt(0);   // no orderly JMS close: nothing is in flight
    }

    /** One consuming thread: its own connection, session and database connection; reconnects while the broker is down. */
    private static void consume(FerryConnectionFactory factory, TransactionManager tm, JdbcDataSource db, Path stopFile,
                                String trap, int trapAt, java.util.concurrent.atomic.AtomicInteger done) {
        int mine = 0;
        while (true) {
            try (XAConnection connection = factory.createXAConnection()) {
                connection.start();
                XASession session = connection.createXASession();
                MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
                while (true) {
                    javax.sql.XAConnection dbc = db.getXAConnection();
                    try {
                        XAResource jms = trap(session.getXAResource(), trap, mine + 1 == trapAt);
                        tm.begin();
                        Transaction tx = tm.getTransaction();
                        if (!tx.enlistResource(new NamedXAResource(jms, BROKER_NAME))
                                || !tx.enlistResource(new NamedXAResource(dbc.getXAResource(), DB_NAME))) {
                            throw new jakarta.jms.JMSException("could not enlist (the broker is down?)");
                        }
                        Message m = consumer.receive(1000);
                        if (m == null) {
                            tm.rollback();
                            if (Files.exists(stopFile)) {
                                return;
                            }
                            continue;
                        }
                        String id = body(m);
                        log("took " + id + " in " + tx + " (redelivered " + m.getJMSRedelivered() + ")");
                        try (var insert = dbc.getConnection().prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
                            insert.setString(1, id);
                            insert.executeUpdate();
                        }
                        tm.commit();
                        log("committed " + id);
                        mine++;
                        done.incrementAndGet();
                    } catch (Exception e) {
                        log("failed " + tm.getTransaction() + ": " + e);
                        try {
                            if (tm.getTransaction() != null) {
                                tm.rollback();
                            }
                        } catch (Exception ignored) {
                            // the transaction manager gave up on it already
                        }
                        throw e;   // a new connection: the old one may be dead (a failed enlist says no more)
                    } finally {
                        dbc.close();
                    }
                }
            } catch (Exception e) {
                try {
                    Thread.sleep(200);   // the broker is down: connect again
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Runs recovery until neither resource has a branch in doubt (orphans need two passes past the
     * safety interval) and the log holds no transaction: a record whose branches had all finished
     * before a kill is deleted only by the scan that replays it, which may be a later one.
     */
    private static void settle(RecoveryManager recovery, BrokerRecoveryHelper broker, javax.sql.XAConnection db,
                               Path store) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        String state = "";
        for (int pass = 0; System.currentTimeMillis() < deadline; pass++) {
            recovery.scan();
            XAResource[] brokers = broker.getXAResources();
            int brokerInDoubt = brokers.length == 0 ? -1 : brokers[0].recover(XAResource.TMSTARTRSCAN).length;
            int dbInDoubt = db.getXAResource().recover(XAResource.TMSTARTRSCAN).length;
            List<String> logged = loggedTransactions(store);
            if (brokerInDoubt == 0 && dbInDoubt == 0 && logged.isEmpty()) {
                return;
            }
            state = "broker in doubt " + (brokerInDoubt < 0 ? "(unreachable)" : brokerInDoubt) + ", H2 in doubt " + dbInDoubt
                    + ", Narayana's log " + logged;
            if (pass % 20 == 0) {
                log("settling: " + state);
            }
            Thread.sleep(500);
        }
        System.out.println("STILL IN DOUBT: " + state);
    }

    /** Transactions in Narayana's object store (the files XaCrashIT checks are gone at the end). */
    private static List<String> loggedTransactions(Path store) throws java.io.IOException {
        if (!java.nio.file.Files.exists(store)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(store)) {
            return files.filter(java.nio.file.Files::isRegularFile).filter(p -> p.toString().contains("AtomicAction"))
                    .map(p -> store.relativize(p).toString()).toList();
        }
    }

    /** One line of the story a failed crash test leaves in its log (XaCrashIT keeps the whole output). */
    private static void log(String line) {
        System.out.println(java.time.LocalTime.now() + " [" + Thread.currentThread().getName() + "] " + line);
    }

    private static String body(Message m) throws Exception {
        if (m instanceof TextMessage t) {
            return t.getText();
        }
        BytesMessage b = (BytesMessage) m;
        byte[] bytes = new byte[(int) b.getBodyLength()];
        b.readBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The session's resource, or for the trapped transaction one that stops between prepare and commit. */
    private static XAResource trap(XAResource resource, String trap, boolean trapped) {
        if (!trapped || "none".equals(trap)) {
            return resource;
        }
        return new XaTestSupport.RecordingXAResource(resource) {
            @Override
            public void commit(Xid xid, boolean onePhase) throws XAException {
                if ("halt".equals(trap)) {
                    System.out.println("HALTING AFTER PREPARE");
                    System.out.flush();
                    Runtime.getRuntime().halt(137);
                }
                System.out.println("PREPARED");
                System.out.flush();
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.commit(xid, onePhase);
            }

            @Override
            public boolean isSameRM(XAResource other) {
                return false;
            }
        };
    }

    /** Gives Narayana's recovery an XAResource of the broker, on a connection kept open between scans. */
    private static final class BrokerRecoveryHelper implements XAResourceRecoveryHelper {
        private final FerryConnectionFactory factory;
        private XAConnection connection;
        private XASession session;

        BrokerRecoveryHelper(FerryConnectionFactory factory) {
            this.factory = factory;
        }

        @Override
        public boolean initialise(String p) {
            return true;
        }

        @Override
        public synchronized XAResource[] getXAResources() {
            try {
                if (session != null) {
                    try {
                        session.getXAResource().recover(XAResource.TMSTARTRSCAN);
                    } catch (XAException stale) {
                        connection.close();
                        session = null;
                    }
                }
                if (session == null) {
                    connection = factory.createXAConnection();
                    session = connection.createXASession();
                }
                return new XAResource[] {new NamedXAResource(session.getXAResource(), BROKER_NAME)};
            } catch (Exception e) {
                session = null;
                return new XAResource[0];
            }
        }
    }
}
