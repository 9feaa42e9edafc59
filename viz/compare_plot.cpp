#include "compare_plot.hpp"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartMatrix.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkPlot.h>
#include <vtkPlotArea.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>
#include <vtkVector.h>

#include <filesystem>

#include "analysis/compare.hpp"
#include "analysis/gait_io.hpp"
#include "analysis/stance_curves.hpp"
#include "png.hpp"
#include "xvfb.hpp"

namespace strider::viz {

const std::vector<std::string>& comparison_bar_metrics() {
  static const std::vector<std::string> metrics = {
      "cadence_spm",          "contact_time_s",        "vgrf_active_peak_bw",
      "loading_rate_bw_per_s", "lateral_grf_peak_bw",  "free_moment_peak_nm_per_kg",
      "knee_flexion_peak_stance_deg", "com_vertical_excursion_m", "pelvis_yaw_range_deg",
      "vertical_angular_momentum_range_norm", "cost_of_transport_j_per_kg_m"};
  return metrics;
}

namespace {

// Ten distinct colours (matplotlib's "tab10"), so that a study of ten runs (the optimal-cadence
// study's ten cadences) repeats none.
constexpr std::size_t kPaletteSize = 10;
const unsigned char kPalette[kPaletteSize][3] = {
    {31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
    {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};

vtkSmartPointer<vtkDoubleArray> column(const char* name) {
  auto a = vtkSmartPointer<vtkDoubleArray>::New();
  a->SetName(name);
  return a;
}

void style(vtkChart* chart, const std::string& title, const std::string& x, const std::string& y) {
  chart->SetTitle(title);
  chart->GetTitleProperties()->SetFontSize(16);
  chart->GetAxis(vtkAxis::BOTTOM)->SetTitle(x);
  chart->GetAxis(vtkAxis::LEFT)->SetTitle(y);
}

}  // namespace

void plot_comparison(const std::vector<std::string>& runs, const std::string& png_path, int width, int height) {
  namespace fs = std::filesystem;
  std::vector<std::vector<StanceCurve>> curves;
  std::vector<std::string> labels;
  for (const auto& run : runs) {
    const GaitData data = load_gait_data(run);
    curves.push_back(stance_curves(data, analyze_gait(data)));
    labels.push_back(fs::path(run).stem().string());
  }
  const RunComparison comparison = compare_runs(runs);

  VirtualDisplay display;
  auto view = vtkSmartPointer<vtkContextView>::New();
  view->GetRenderWindow()->SetOffScreenRendering(1);
  view->GetRenderWindow()->SetSize(width, height);
  view->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  auto matrix = vtkSmartPointer<vtkChartMatrix>::New();
  view->GetScene()->AddItem(matrix);
  matrix->SetSize(vtkVector2i(3, 2));
  matrix->SetGutter(vtkVector2f(70.0f, 90.0f));
  matrix->SetBorders(60, 120, 30, 40);  // room for the bar labels
  std::vector<vtkSmartPointer<vtkTable>> tables;  // the charts keep pointers into these

  // Stance curves: top row vertical, lateral, free moment; bottom-left knee flexion.
  const vtkVector2i cells[4] = {vtkVector2i(0, 1), vtkVector2i(1, 1), vtkVector2i(2, 1), vtkVector2i(0, 0)};
  for (std::size_t channel = 0; channel < 4; ++channel) {
    auto* chart = vtkChartXY::SafeDownCast(matrix->GetChart(cells[channel]));
    const StanceCurve& first = curves.front()[channel];
    style(chart, first.name + " over stance (mean ± SD)", "stance (%)", first.name + " (" + first.unit + ")");
    chart->SetShowLegend(channel == 0);
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const StanceCurve& c = curves[r][channel];
      if (c.stances == 0) continue;
      auto table = vtkSmartPointer<vtkTable>::New();
      auto x = column("stance"), mean = column((labels[r] + " (" + std::to_string(c.stances) + " stances)").c_str());
      auto lower = column("lower"), upper = column("upper");
      for (long k = 0; k < c.mean.size(); ++k) {
        x->InsertNextValue(100.0 * static_cast<double>(k) / static_cast<double>(c.mean.size() - 1));
        mean->InsertNextValue(c.mean[k]);
        lower->InsertNextValue(c.mean[k] - c.spread[k]);
        upper->InsertNextValue(c.mean[k] + c.spread[k]);
      }
      table->AddColumn(x);
      table->AddColumn(mean);
      table->AddColumn(lower);
      table->AddColumn(upper);
      const auto& colour = kPalette[r % kPaletteSize];
      auto* area = vtkPlotArea::SafeDownCast(chart->AddPlot(vtkChart::AREA));
      area->SetInputData(table);
      area->SetInputArray(0, "stance");
      area->SetInputArray(1, "lower");
      area->SetInputArray(2, "upper");
      area->SetColor(colour[0], colour[1], colour[2], 60);
      area->SetLegendVisibility(false);
      vtkPlot* line = chart->AddPlot(vtkChart::LINE);
      line->SetInputData(table, 0, 1);
      line->SetColor(colour[0], colour[1], colour[2], 255);
      line->SetWidth(2.5);
      tables.push_back(table);
    }
  }

  // Bars: % change of the main metrics from the first run, one bar series per later run.
  auto* bars = vtkChartXY::SafeDownCast(matrix->GetChart(vtkVector2i(1, 0)));
  matrix->SetChartSpan(vtkVector2i(1, 0), vtkVector2i(2, 1));
  style(bars, "change from " + labels.front() + " (%)", "", "change (%)");
  bars->SetShowLegend(runs.size() > 2);
  const auto& metrics = comparison_bar_metrics();
  auto positions = vtkSmartPointer<vtkDoubleArray>::New();
  auto names = vtkSmartPointer<vtkStringArray>::New();
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    positions->InsertNextValue(static_cast<double>(m));
    names->InsertNextValue(metrics[m]);
  }
  bars->GetAxis(vtkAxis::BOTTOM)->SetCustomTickPositions(positions, names);
  bars->GetAxis(vtkAxis::BOTTOM)->GetLabelProperties()->SetOrientation(30.0);
  bars->GetAxis(vtkAxis::BOTTOM)->GetLabelProperties()->SetFontSize(10);
  int compared = 0;  // metric changes that have a value
  for (std::size_t r = 1; r < runs.size(); ++r) {
    auto table = vtkSmartPointer<vtkTable>::New();
    auto x = column("metric"), y = column(labels[r].c_str());
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      const auto index = static_cast<std::size_t>(
          std::find(comparison.metrics.begin(), comparison.metrics.end(), metrics[m]) - comparison.metrics.begin());
      const auto pct = index < comparison.metrics.size() ? change_pct(comparison, index, r) : std::nullopt;
      x->InsertNextValue(static_cast<double>(m));
      y->InsertNextValue(pct ? *pct : 0.0);  // a missing metric draws no bar
      if (pct) ++compared;
    }
    table->AddColumn(x);
    table->AddColumn(y);
    vtkPlot* bar = bars->AddPlot(vtkChart::BAR);
    bar->SetInputData(table, 0, 1);
    const auto& colour = kPalette[r % kPaletteSize];
    bar->SetColor(colour[0], colour[1], colour[2], 255);
    tables.push_back(table);
  }
  if (runs.size() > 1 && compared == 0) {
    bars->SetTitle("change from " + labels.front() +
                   " (%): nothing to compare (a run has no analysed stride)");
  }
  view->GetRenderWindow()->Render();
  save_png(view->GetRenderWindow(), png_path);
}

}  // namespace strider::viz
