package io.littlehub.cli.hubs;

/** A hub the laptop knows: how to reach its VM over SSH, and the URL students use. */
public record Hub(String name, String host, int port, String user, String identity, String url) {
}
