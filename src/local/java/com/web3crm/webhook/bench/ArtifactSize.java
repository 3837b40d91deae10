package com.web3crm.webhook.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The size of the deployment artifact folder, as SAM uploads it: the bytes of a zip of every file in it
 * ({@link ZipOutputStream}, DEFLATE at the default level, paths relative to the folder, in sorted order); the raw sum
 * of the file sizes; the number of {@code .class} files, counting those inside jars (every {@code .class} entry,
 * {@code module-info} and {@code META-INF/versions} included); the number of jars.
 */
record ArtifactSize(long zipBytes, long fileBytes, int files, int classes, int jars, List<String> largestJars) {

  static ArtifactSize measure(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    CountingStream counter = new CountingStream();
    long fileBytes = 0;
    int classes = 0;
    int jars = 0;
    List<Path> jarFiles = new ArrayList<>();
    try (ZipOutputStream zip = new ZipOutputStream(counter)) {
      for (Path file : files) {
        String name = folder.relativize(file).toString().replace('\\', '/');
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = Files.newInputStream(file)) {
          in.transferTo(zip);
        }
        zip.closeEntry();
        fileBytes += Files.size(file);
        if (name.endsWith(".class")) {
          classes++;
        } else if (name.endsWith(".jar")) {
          jars++;
          jarFiles.add(file);
          classes += classesIn(file);
        }
      }
    }
    List<String> largest = new ArrayList<>();
    jarFiles.sort(Comparator.comparingLong(ArtifactSize::size).reversed());
    for (Path jar : jarFiles.subList(0, Math.min(5, jarFiles.size()))) {
      largest.add(jar.getFileName() + " " + size(jar));
    }
    return new ArtifactSize(counter.count, fileBytes, files.size(), classes, jars, largest);
  }

  private static int classesIn(Path jar) throws IOException {
    int count = 0;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        if (entries.nextElement().getName().endsWith(".class")) {
          count++;
        }
      }
    }
    return count;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
