package org.nathear.runner.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin (a jar, or a folder of jars): <b>child first</b>. A class or
 * resource is looked up in the plugin's own jars before the harness's, so a plugin can carry its
 * own version of any library (Jackson, protobuf, Guava, ...) without clashing with the version
 * nathear uses, and nathear's dependencies never leak into a plugin that brings its own.
 *
 * <p>The exceptions, always taken from the harness so that plugin and harness agree on them:
 * the JDK ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.},
 * {@code org.w3c.}, {@code org.xml.}), nathear's API ({@code org.nathear.api.}: the SPI a plugin
 * implements and the values it exchanges) and the logging API ({@code org.slf4j.}, so that a
 * plugin's log lines reach the harness's one binding). A class the plugin does not carry at all is
 * still found in the harness (parent) as a fallback.
 */
final class PluginClassLoader extends URLClassLoader {
    /** Package prefixes always loaded by the harness, never from a plugin's own jars. */
    static final List<String> SHARED_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.",
            "org.ietf.", "org.nathear.api.", "org.slf4j.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    PluginClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSharedResource(String resource) {
        return isShared(resource.replace('/', '.'));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return super.loadClass(name, resolve); // parent first
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                try {
                    type = findClass(name);
                } catch (ClassNotFoundException notInPlugin) {
                    type = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isSharedResource(name)) {
            return super.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isSharedResource(name)) {
            return super.getResources(name);
        }
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
