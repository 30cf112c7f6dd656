package io.littlehub.agent.playbook;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a packaged playbook: FreeMarker renders it with the model (config, versions, paths, facts), then it is parsed
 * as YAML into tasks. A {@code file} task may name a {@code template} instead of {@code content}; it is rendered from
 * the packaged templates with the same model.
 */
public final class PlaybookLoader {
    private final Map<String, String> known;
    private final Map<String, String> rendered = new LinkedHashMap<>();
    private Configuration freemarker;

    public PlaybookLoader() {
        this(Map.of());
    }

    /**
     * {@code known}: texts rendered earlier for the same model ({@link RenderCache}), by path; they are taken as they
     * are, and FreeMarker starts only for a path not among them.
     */
    public PlaybookLoader(Map<String, String> known) {
        this.known = known;
    }

    /** Renders {@code templates/NAME} (or any packaged path under io/littlehub/agent/). */
    public String render(String path, Map<String, Object> model) {
        String text = known.get(path);
        if (text == null) {
            text = renderNow(path, model);
        }
        rendered.put(path, text);
        return text;
    }

    /** Every text this loader rendered or took from {@code known}, by path, in the order asked. */
    public Map<String, String> rendered() {
        return rendered;
    }

    private String renderNow(String path, Map<String, Object> model) {
        try {
            Template t = freemarker().getTemplate(path);
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (freemarker.template.TemplateNotFoundException e) {
            throw new PlaybookError("no packaged template or playbook named " + path, e);
        } catch (IOException | TemplateException e) {
            throw new PlaybookError("cannot render " + path + ": " + e.getMessage(), e);
        }
    }

    private Configuration freemarker() {
        if (freemarker == null) {
            freemarker = new Configuration(Configuration.VERSION_2_3_34);
            freemarker.setTemplateLoader(new ClassTemplateLoader(PlaybookLoader.class, "/io/littlehub/agent"));
            freemarker.setDefaultEncoding("UTF-8");
            freemarker.setNumberFormat("computer");
            freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            freemarker.setLogTemplateExceptions(false);
            freemarker.setWrapUncheckedExceptions(true);
        }
        return freemarker;
    }

    public Playbook load(String name, Map<String, Object> model) {
        return parse(name, render("playbooks/" + name + ".yaml", model), model);
    }

    /** A rendered playbook's text read into tasks ({@code model}: for the templates its file tasks name). */
    Playbook parse(String name, String text, Map<String, Object> model) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        if (!(doc instanceof Map<?, ?> root)) {
            throw new PlaybookError("playbook " + name + " is not a YAML mapping");
        }
        return new Playbook(name, tasks(name, root.get("tasks"), model), tasks(name, root.get("handlers"), model));
    }

    private List<Task> tasks(String playbook, Object list, Map<String, Object> model) {
        List<Task> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        if (!(list instanceof List<?> items)) {
            throw new PlaybookError("playbook " + playbook + ": tasks and handlers must be lists");
        }
        for (Object item : items) {
            out.add(task(playbook, item, model));
        }
        return out;
    }

    private Task task(String playbook, Object item, Map<String, Object> model) {
        if (!(item instanceof Map<?, ?> m)) {
            throw new PlaybookError("playbook " + playbook + ": each task must be a mapping, found " + item);
        }
        Map<String, Object> task = new HashMap<>();
        m.forEach((k, v) -> task.put(k.toString(), v));
        String name = String.valueOf(task.remove("name"));
        List<String> notify = new ArrayList<>();
        Object n = task.remove("notify");
        if (n instanceof List<?> l) {
            l.forEach(x -> notify.add(x.toString()));
        } else if (n != null) {
            notify.add(n.toString());
        }
        if (task.size() != 1) {
            throw new PlaybookError(
                    "task '" + name + "' in " + playbook + " must have exactly one operation, found " + task.keySet());
        }
        String type = task.keySet().iterator().next();
        if (type.equals(Task.PARALLEL)) {
            if (!notify.isEmpty()) {
                throw new PlaybookError("task '" + name + "' in " + playbook
                        + ": a parallel group notifies nothing (its tasks do, each with its own notify)");
            }
            return ParallelGroups.read(playbook, name, task.get(type), branchTask -> task(playbook, branchTask, model));
        }
        Map<String, Object> args = new HashMap<>();
        if (task.get(type) instanceof Map<?, ?> a) {
            a.forEach((k, v) -> args.put(k.toString(), v));
        }
        if (type.equals("file") && args.containsKey("template")) {
            args.put("content", render("templates/" + args.remove("template"), model));
        }
        if (type.equals(Task.FLUSH_HANDLERS)) {
            if (!args.isEmpty() || !notify.isEmpty()) {
                throw new PlaybookError("task '" + name + "' in " + playbook
                        + ": flush_handlers takes no arguments and notifies nothing");
            }
            return new Task(name, type, null, notify);
        }
        return new Task(name, type, Operations.build(name, type, args), notify);
    }
}
