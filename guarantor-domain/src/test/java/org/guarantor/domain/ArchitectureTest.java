package org.guarantor.domain;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;

/**
 * The domain is pure: no I/O, no adapters' libraries, no threads, no clock, no randomness. Time and
 * ids come on the command; that is what makes replay and simulation exact.
 */
@AnalyzeClasses(
    packages = "org.guarantor.domain",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule no_io_and_no_adapter_libraries =
      noClasses()
          .that()
          .resideInAPackage("org.guarantor.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "java.net..",
              "java.nio.file..",
              "io.javalin..",
              "com.fasterxml.jackson..",
              "picocli..")
          .because("the domain does no I/O and knows nothing of its adapters");

  @ArchTest
  static final ArchRule no_threads_or_executors =
      noClasses()
          .that()
          .resideInAPackage("org.guarantor.domain..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Thread.class)
          .orShould()
          .dependOnClassesThat()
          .haveNameMatching("java\\.util\\.concurrent\\.Executor.*")
          .because("the engine owns the one writer thread; the domain never starts one");

  @ArchTest
  static final ArchRule no_clock =
      noClasses()
          .that()
          .resideInAPackage("org.guarantor.domain..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Clock.class)
          .orShould()
          .callMethodWhere(readsTheTime())
          .because("time arrives on the command");

  @ArchTest
  static final ArchRule no_randomness =
      noClasses()
          .that()
          .resideInAPackage("org.guarantor.domain..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Random.class)
          .orShould()
          .callMethod(UUID.class, "randomUUID")
          .orShould()
          .callMethod(Math.class, "random")
          .because("ids arrive on the command or are numbered from the log");

  /** {@code now()} of any java.time type, and System's wall and monotonic clocks. */
  private static com.tngtech.archunit.base.DescribedPredicate<JavaCall<?>> readsTheTime() {
    return describe(
        "reads the time",
        call -> {
          String owner = call.getTargetOwner().getName();
          String name = call.getName();
          return (owner.startsWith("java.time.") && name.equals("now"))
              || (owner.equals("java.lang.System")
                  && (name.equals("currentTimeMillis") || name.equals("nanoTime")));
        });
  }
}
