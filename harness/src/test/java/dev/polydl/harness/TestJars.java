package dev.polydl.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Jars of test classes, for child JVMs that must load a class the distribution does not hold. */
public final class TestJars {
    private TestJars() {
    }

    /** A jar with each of {@code types}' class files, their nested classes' and the given text resources. */
    public static void write(Path jar, Map<String, String> resources, Class<?>... types) throws IOException {
        Map<String, Path> classFiles = new LinkedHashMap<>();
        for (Class<?> type : types) {
            Path classFile;
            try {
                classFile = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .resolve(type.getName().replace('.', '/') + ".class");
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            String packageFolder = type.getPackageName().replace('.', '/') + "/";
            String binaryName = type.getName().substring(type.getName().lastIndexOf('.') + 1); // Outer$Inner for a nested class
            try (Stream<Path> siblings = Files.list(classFile.getParent())) {
                siblings.filter(file -> file.getFileName().toString().equals(binaryName + ".class")
                                || file.getFileName().toString().startsWith(binaryName + "$"))
                        .forEach(file -> classFiles.put(packageFolder + file.getFileName(), file));
            }
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, Path> entry : classFiles.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                Files.copy(entry.getValue(), out);
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
