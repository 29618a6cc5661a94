package dev.lnjobs.server.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;

import java.util.ArrayList;
import java.util.List;

/** The seed's next steps for a ready node, spelled out with its address and the helper scripts cloud-init installed. */
final class NextSteps {

    private NextSteps() {
    }

    static List<String> of(BootstrapView node) {
        String keyFile = "~/.ssh/" + node.nodeName();
        String login = "ssh -i " + keyFile + " timmy@" + node.nodeIp();
        List<String> steps = new ArrayList<>(List.of(
                "SSH in: save sshPrivateKey as " + keyFile + " (chmod 600), then run: " + login
                        + ". First boot keeps installing for a while; 'cloud-init status --wait' returns when it is "
                        + "done (/etc/timmy/bootstrap-complete exists).",
                "Monitor sync: /opt/timmy/sync-status.sh shows blocks, headers and verification progress. The "
                        + "initial block download takes days to weeks; ready means provisioned, not synced.",
                "Run lnd-init.sh: sudo /opt/timmy/lnd-init.sh installs LND, creates its wallet (write the seed "
                        + "down) and makes it LNbits' funding source.",
                "Configure sweep: sudo /opt/timmy/sweep-config.sh <cold-storage address> [threshold sats] sends "
                        + "confirmed on-chain funds above the threshold there daily."));
        if (node.lnbitsUrl() != null) {
            steps.add("Open LNbits at " + node.lnbitsUrl() + " from a device on your tailnet.");
        } else {
            steps.add("Open LNbits through an SSH tunnel (it listens on the node only): ssh -L 5000:127.0.0.1:5000 -i "
                    + keyFile + " timmy@" + node.nodeIp() + ", then http://localhost:5000.");
        }
        return List.copyOf(steps);
    }
}
