package dev.lnjobs.infra.lightning;

import okio.ByteString;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A websocket server of a few lines for what MockWebServer cannot do: break a connection without a close frame
 * (a TCP reset, as when LNbits or a proxy between dies). Each accepted connection runs the next script.
 */
final class ScriptedWebSocketServer implements AutoCloseable {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** What to do with one connection. */
    interface Script {
        void run(Connection connection) throws Exception;
    }

    private final ServerSocket server;
    private final Queue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ScriptedWebSocketServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-websocket-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void then(Script script) {
        scripts.add(script);
    }

    /** The request line of every connection, in order ({@code GET /api/v1/ws/<key> HTTP/1.1}). */
    List<String> requestLines() {
        return requestLines;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread handler = new Thread(() -> handle(socket), "scripted-websocket-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket socket) {
        try {
            Connection connection = new Connection(socket);
            Script script = scripts.poll();
            if (script == null) {
                connection.refuse(503);
            } else {
                script.run(connection);
            }
        } catch (Exception e) {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(ScriptedWebSocketServer::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One accepted connection, its request already read. */
    final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private String key;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            requestLines.add(in.readLine());
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }

        void accept() throws IOException {
            String acceptKey = ByteString.encodeUtf8(key + WEBSOCKET_GUID).sha1().base64();
            write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptKey + "\r\n\r\n");
        }

        void refuse(int status) throws IOException {
            write("HTTP/1.1 " + status + " Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket.close();
        }

        /** One unmasked text frame, as a server sends it. */
        void sendText(String text) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            try {
                out.write(0x81);
                if (payload.length < 126) {
                    out.write(payload.length);
                } else {
                    out.write(126);
                    out.write(payload.length >>> 8);
                    out.write(payload.length & 0xff);
                }
                out.write(payload);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A TCP reset: no close frame, no FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }
}
