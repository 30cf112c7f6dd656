package io.littlehub.cli.course;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The nbgitpuller link of a hub: {@code <hub>/hub/user-redirect/git-pull?repo=…&urlpath=…&branch=…}, as nbgitpuller's
 * own link generator writes it (its {@code generateRegularUrl}: URLSearchParams in that order, which encode as HTML
 * forms do, like {@link URLEncoder}). The folder in {@code urlpath} is the one nbgitpuller clones into: the repository
 * address's last path segment ({@code targetpath}'s default in its handler, ".git" kept).
 */
public final class NbgitpullerLink {
    /** Where the student lands: JupyterLab or Notebook 7. */
    public enum App {
        LAB,
        NOTEBOOK
    }

    private NbgitpullerLink() {}

    /**
     * @param hubUrl  the hub's address, ending in its base_url's "/"
     * @param repoUrl an http(s) address of a git repository
     * @param branch  null: the repository's default branch
     * @param path    a file or folder in the repository to open, null: the repository's folder
     */
    public static String of(String hubUrl, String repoUrl, String branch, String path, App app) {
        String folder = cloneFolder(repoUrl);
        if (branch != null && branch.isBlank()) {
            throw new IllegalArgumentException("--branch is empty: name a branch, like --branch main, or leave it out"
                    + " for the repository's default branch");
        }
        String inRepo = path == null ? "" : relative(path);
        String target = inRepo.isEmpty() ? folder : folder + "/" + inRepo;
        String urlpath = app == App.LAB
                ? "lab/tree/" + target
                : (target.toLowerCase(Locale.ROOT).endsWith(".ipynb") ? "notebooks/" : "tree/") + target;
        StringBuilder link = new StringBuilder(hubUrl.endsWith("/") ? hubUrl : hubUrl + "/")
                .append("hub/user-redirect/git-pull?repo=")
                .append(form(repoUrl))
                .append("&urlpath=")
                .append(form(urlpath));
        if (branch != null) {
            link.append("&branch=").append(form(branch));
        }
        return link.toString();
    }

    /** The folder nbgitpuller clones REPO-URL into, after checking it is an http(s) address with a path. */
    static String cloneFolder(String repoUrl) {
        URI uri;
        try {
            uri = new URI(repoUrl);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme =
                uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("REPO-URL " + repoUrl + " is not an http(s) address: students' servers"
                    + " clone it with nbgitpuller over HTTP(S); use the repository's https:// address, like"
                    + " https://github.com/teacher/course-notes");
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String folder = rawPath.substring(rawPath.lastIndexOf('/') + 1);
        if (folder.isEmpty()) {
            throw new IllegalArgumentException("REPO-URL " + repoUrl + " names no repository: add its path, like"
                    + " https://github.com/teacher/course-notes");
        }
        return folder;
    }

    private static String relative(String path) {
        String p = path.replaceAll("^/+|/+$", "");
        for (String part : p.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("--path " + path + " leaves the repository: give a file or folder"
                        + " inside it, like --path week1/intro.ipynb");
            }
        }
        return p;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
