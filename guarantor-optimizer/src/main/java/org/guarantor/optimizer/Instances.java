package org.guarantor.optimizer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link Instance}s as JSON. Thread-safe. */
public final class Instances {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Instances() {}

  public static Instance read(Path file) throws IOException {
    return MAPPER.readValue(Files.readAllBytes(file), Instance.class);
  }

  public static void write(Instance instance, Path file) throws IOException {
    Files.write(file, MAPPER.writeValueAsBytes(instance));
  }

  public static String toJson(Instance instance) throws IOException {
    return MAPPER.writeValueAsString(instance);
  }

  public static Instance fromJson(String json) throws IOException {
    return MAPPER.readValue(json, Instance.class);
  }
}
